namespace ChineseLlm.Client;

/// <summary>The root options of ChineseLlm.Client, bound from the <c>ChineseLlm</c> configuration section.</summary>
public sealed class ChineseLlmOptions
{
    /// <summary>The name of the configuration section the options bind from.</summary>
    public const string SectionName = "ChineseLlm";

    /// <summary>Gets or sets the per-provider settings (<c>ChineseLlm:Providers:&lt;Name&gt;</c>).</summary>
    public ChineseLlmProvidersOptions Providers { get; set; } = new();
}
