namespace ChineseLlm.Samples.WebApi.OpenAi;

/// <summary>What a stream chunk adds to the answer.</summary>
public sealed class DeltaDto
{
    public string? Role { get; init; }

    public string? Content { get; init; }

    public string? ReasoningContent { get; init; }

    public List<ToolCallDto>? ToolCalls { get; init; }
}
