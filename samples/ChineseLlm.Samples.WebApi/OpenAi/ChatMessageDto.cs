using System.Text.Json;

namespace ChineseLlm.Samples.WebApi.OpenAi;

/// <summary>One message of a request: <c>system</c>, <c>developer</c>, <c>user</c>, <c>assistant</c> or <c>tool</c>.</summary>
public sealed class ChatMessageDto
{
    public string? Role { get; set; }

    /// <summary>Gets or sets a string, an array of content parts, or null (an assistant turn with tool calls only).</summary>
    public JsonElement? Content { get; set; }

    public string? Name { get; set; }

    public List<ToolCallDto>? ToolCalls { get; set; }

    public string? ToolCallId { get; set; }

    /// <summary>Gets or sets the reasoning of an earlier assistant turn (DeepSeek's and Kimi's extension), sent back to the provider.</summary>
    public string? ReasoningContent { get; set; }
}
