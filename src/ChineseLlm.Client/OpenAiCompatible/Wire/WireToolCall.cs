namespace ChineseLlm.Client.OpenAiCompatible.Wire;

/// <summary>A tool call, in a response message, a streamed delta fragment, or an assistant turn sent back.</summary>
internal sealed class WireToolCall
{
    /// <summary>The position of the call; streamed fragments of one call share it.</summary>
    public int? Index { get; set; }

    public string? Id { get; set; }

    public string? Type { get; set; }

    public WireFunctionCall? Function { get; set; }
}
