namespace ChineseLlm.Samples.WebApi.OpenAi;

/// <summary>Token usage, in OpenAI's field names.</summary>
public sealed class UsageDto
{
    public long PromptTokens { get; init; }

    public long CompletionTokens { get; init; }

    public long TotalTokens { get; init; }

    public PromptTokensDetailsDto? PromptTokensDetails { get; init; }

    public CompletionTokensDetailsDto? CompletionTokensDetails { get; init; }
}
