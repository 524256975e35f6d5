using ChineseLlm.Client.Catalog;

namespace ChineseLlm.Client.Routing;

/// <summary>
/// Self-healing routing: a (provider, model) that its provider answered with <see cref="LlmErrorKind.ModelNotFound"/>
/// is kept in <see cref="IProviderHealth"/> under the key <c>provider/model</c> (lower case), next to the provider
/// cooldowns, so a shared store (Redis) spreads it across the fleet with no new store.
/// </summary>
internal static class ModelAvailability
{
    /// <summary>The <see cref="IProviderHealth"/> key of one model: <c>provider/model</c>, lower case.</summary>
    public static string KeyOf(string provider, string modelId)
        => (provider + "/" + modelId).ToLowerInvariant();

    /// <summary>Whether a model's key can be stored (shared stores reserve braces for key slots).</summary>
    public static bool CanTrack(string modelId) => modelId.AsSpan().IndexOfAny('{', '}') < 0;

    /// <summary>
    /// The <see cref="IProviderHealth"/> keys one call reads: every configured provider, then every routable catalog
    /// model of those providers.
    /// </summary>
    public static string[] KeysToRead(ModelCatalog catalog, IReadOnlyList<string> providerKeys)
    {
        var configured = new HashSet<string>(providerKeys, StringComparer.OrdinalIgnoreCase);
        var keys = new List<string>(providerKeys);
        foreach (var card in catalog.Models)
        {
            if (configured.Contains(card.Provider!) && CanTrack(card.Id!))
            {
                keys.Add(KeyOf(card.Provider!, card.Id!));
            }
        }

        return [.. keys];
    }
}
