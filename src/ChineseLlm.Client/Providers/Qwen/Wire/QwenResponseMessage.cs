namespace ChineseLlm.Client.Providers.Qwen.Wire;

/// <summary>The assistant message of a response choice, or the increment of a streamed event.</summary>
internal sealed class QwenResponseMessage
{
    public string? Role { get; set; }

    /// <summary>A string (text-generation) or an array of <c>{"text":…}</c> (multimodal-generation).</summary>
    public QwenContent? Content { get; set; }

    public string? ReasoningContent { get; set; }

    public List<QwenToolCall>? ToolCalls { get; set; }
}
