namespace ChineseLlm.Client.Providers.Qwen.Wire;

internal sealed class QwenFunctionCall
{
    public string? Name { get; set; }

    /// <summary>A JSON document in a string; streamed fragments are not valid JSON until joined.</summary>
    public string? Arguments { get; set; }
}
