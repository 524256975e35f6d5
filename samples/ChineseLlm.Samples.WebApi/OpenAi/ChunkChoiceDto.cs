namespace ChineseLlm.Samples.WebApi.OpenAi;

/// <summary>The one choice of a stream chunk.</summary>
public sealed class ChunkChoiceDto
{
    public int Index { get; init; }

    public required DeltaDto Delta { get; init; }

    public string? FinishReason { get; init; }
}
