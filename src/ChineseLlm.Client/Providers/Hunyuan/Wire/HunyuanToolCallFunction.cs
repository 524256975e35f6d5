namespace ChineseLlm.Client.Providers.Hunyuan.Wire;

/// <summary>The function part of a tool call.</summary>
internal sealed class HunyuanToolCallFunction
{
    /// <summary>Gets or sets the function name (empty in continuation fragments of a stream).</summary>
    public string? Name { get; set; }

    /// <summary>Gets or sets the arguments, a JSON text (a fragment of it in a stream).</summary>
    public string? Arguments { get; set; }
}
