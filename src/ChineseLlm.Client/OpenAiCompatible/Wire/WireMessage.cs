namespace ChineseLlm.Client.OpenAiCompatible.Wire;

/// <summary>One entry of <c>messages</c>, request side.</summary>
internal sealed class WireMessage
{
    public required string Role { get; set; }

    /// <summary>A string, an array of parts, or <see langword="null"/> (assistant turns with only tool calls).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public WireContent? Content { get; set; }

    public string? ReasoningContent { get; set; }

    public string? Name { get; set; }

    public List<WireToolCall>? ToolCalls { get; set; }

    public string? ToolCallId { get; set; }

    /// <summary>Documented per-message vendor fields (Kimi <c>partial</c>, DeepSeek <c>prefix</c>).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalFields { get; set; }
}
