namespace ChineseLlm.Client.Providers.Hunyuan.Wire;

/// <summary>A tool the model may call.</summary>
internal sealed class HunyuanTool
{
    /// <summary>Gets or sets the tool type; only <c>function</c> exists.</summary>
    public required string Type { get; set; }

    /// <summary>Gets or sets the function.</summary>
    public required HunyuanToolFunction Function { get; set; }
}
