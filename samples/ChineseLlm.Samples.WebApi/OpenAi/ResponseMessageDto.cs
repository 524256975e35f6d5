namespace ChineseLlm.Samples.WebApi.OpenAi;

/// <summary>The assistant message of a non-streaming answer.</summary>
public sealed class ResponseMessageDto
{
    public string Role { get; init; } = "assistant";

    public string? Content { get; init; }

    /// <summary>Gets the model's reasoning, as DeepSeek and Kimi return it.</summary>
    public string? ReasoningContent { get; init; }

    public List<ToolCallDto>? ToolCalls { get; init; }
}
