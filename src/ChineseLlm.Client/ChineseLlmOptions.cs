namespace ChineseLlm.Client;

/// <summary>The root options of ChineseLlm.Client, bound from the <c>ChineseLlm</c> configuration section.</summary>
public sealed class ChineseLlmOptions
{
    /// <summary>The name of the configuration section the options bind from.</summary>
    public const string SectionName = "ChineseLlm";

    /// <summary>Gets or sets the per-provider settings (<c>ChineseLlm:Providers:&lt;Name&gt;</c>).</summary>
    public ChineseLlmProviders Providers { get; set; } = new();

    /// <summary>
    /// Gets or sets model cards that add to or override the embedded, dated catalog (<c>ChineseLlm:Models</c>), matched by
    /// provider and id (case-insensitively); the field names are those of the embedded catalog.
    /// </summary>
    /// <value>The default value is an empty list: the embedded catalog as shipped.</value>
    public IList<ModelCard> Models { get; set; } = new List<ModelCard>();

    /// <summary>Gets or sets how the cost-aware router chooses and pays for models (<c>ChineseLlm:Routing</c>).</summary>
    public RoutingOptions Routing { get; set; } = new();
}
