namespace ChineseLlm.Client;

/// <summary>The root options of ChineseLlm.Client, bound from the <c>ChineseLlm</c> configuration section.</summary>
public sealed class ChineseLlmOptions
{
    /// <summary>The name of the configuration section the options bind from.</summary>
    public const string SectionName = "ChineseLlm";

    /// <summary>Gets or sets the per-provider settings (<c>ChineseLlm:Providers:&lt;Name&gt;</c>).</summary>
    public ChineseLlmProviders Providers { get; set; } = new();

    /// <summary>
    /// Gets or sets model cards that add to or override the catalog in force — the embedded, dated catalog or the one of
    /// <see cref="Catalog"/> — (<c>ChineseLlm:Models</c>), matched by
    /// provider and id (case-insensitively); the field names are those of the embedded catalog.
    /// </summary>
    /// <value>The default value is an empty list: the embedded catalog as shipped.</value>
    public IList<ModelCard> Models { get; set; } = new List<ModelCard>();

    /// <summary>
    /// Gets or sets where the model catalog comes from (<c>ChineseLlm:Catalog</c>): the embedded catalog, a watched
    /// file (<see cref="CatalogOptions.Path"/>) or a document refreshed from a URL (<see cref="CatalogOptions.Url"/>).
    /// </summary>
    /// <value>The default value uses the embedded catalog.</value>
    public CatalogOptions Catalog { get; set; } = new();

    /// <summary>Gets or sets how the cost-aware router chooses and pays for models (<c>ChineseLlm:Routing</c>).</summary>
    public RoutingOptions Routing { get; set; } = new();
}
