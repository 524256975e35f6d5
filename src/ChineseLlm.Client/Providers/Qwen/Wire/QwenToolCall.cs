namespace ChineseLlm.Client.Providers.Qwen.Wire;

/// <summary>A tool call in a response, a streamed fragment, or an assistant turn sent back.</summary>
internal sealed class QwenToolCall
{
    /// <summary>Streamed fragments of one call share it (docs/protocols/qwen.md); continuation fragments carry <c>"id":""</c>.</summary>
    public int? Index { get; set; }

    public string? Id { get; set; }

    public string? Type { get; set; }

    public QwenFunctionCall? Function { get; set; }
}
