namespace ChineseLlm.Client.OpenAiCompatible.Wire;

/// <summary>The assistant message of a response choice, or the delta of a streamed chunk.</summary>
internal sealed class WireResponseMessage
{
    public string? Role { get; set; }

    public string? Content { get; set; }

    public string? ReasoningContent { get; set; }

    public string? Refusal { get; set; }

    public List<WireToolCall>? ToolCalls { get; set; }

    /// <summary>Message fields the shared shape does not name (MiniMax's <c>reasoning_details</c>), for the dialect to read.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtraFields { get; set; }
}
