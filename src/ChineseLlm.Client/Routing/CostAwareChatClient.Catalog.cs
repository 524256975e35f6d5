namespace ChineseLlm.Client;

/// <summary>The catalog the router prices with, as its users may list it (for example as <c>GET /v1/models</c>).</summary>
public sealed partial class CostAwareChatClient
{
    /// <summary>
    /// Gets the model cards of the providers this router calls, from the catalog in force: the embedded, dated catalog
    /// (or the one of <c>ChineseLlm:Catalog</c>) with the <c>ChineseLlm:Models</c> entries applied. Cards without a known price are included (they can be pinned
    /// with <see cref="Microsoft.Extensions.AI.ChatOptions.ModelId"/>, never chosen by tier; see <see cref="ModelCard.IsRoutable"/>).
    /// </summary>
    /// <remarks>A snapshot: a configuration reload replaces the list, it never changes one already returned. Cards are read-only.</remarks>
    public IReadOnlyList<ModelCard> Models
    {
        get
        {
            var providers = new HashSet<string>(Providers, StringComparer.OrdinalIgnoreCase);
            return [.. Settings.Catalog.Models.Where(card => card.Provider is { } provider && providers.Contains(provider))];
        }
    }

    /// <summary>Gets the day on which the prices of the catalog in force were last checked (its <c>AsOf</c>).</summary>
    public DateOnly CatalogDate => Settings.Catalog.AsOf;

    /// <summary>
    /// Gets where the catalog in force comes from (<c>ChineseLlm:Catalog</c>): <c>embedded</c>, the full path of the
    /// <c>Path</c> file, or the <c>Url</c> without its query (shown as <c>?…</c>, which may carry a token).
    /// </summary>
    public string CatalogOrigin => Settings.Catalog.Origin;
}
