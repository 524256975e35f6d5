namespace ChineseLlm.Samples.WebApi.OpenAi;

/// <summary>How many output tokens were reasoning.</summary>
public sealed class CompletionTokensDetailsDto
{
    public long ReasoningTokens { get; init; }
}
