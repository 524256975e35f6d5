namespace ChineseLlm.Client.Providers.Qwen.Wire;

/// <summary>One entry of <c>input.messages</c>.</summary>
internal sealed class QwenMessage
{
    public required string Role { get; set; }

    /// <summary>A string on text-generation, an array of <c>{"text"|"image"|…}</c> parts on multimodal-generation.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public QwenContent? Content { get; set; }

    public List<QwenToolCall>? ToolCalls { get; set; }

    public string? ToolCallId { get; set; }

    /// <summary>Documented per-message fields (<c>partial</c> for prefix continuation).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalFields { get; set; }
}
