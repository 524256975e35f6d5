namespace ChineseLlm.Samples.WebApi.OpenAi;

/// <summary>The one choice of a non-streaming answer.</summary>
public sealed class ChoiceDto
{
    public int Index { get; init; }

    public required ResponseMessageDto Message { get; init; }

    public string? FinishReason { get; init; }
}
