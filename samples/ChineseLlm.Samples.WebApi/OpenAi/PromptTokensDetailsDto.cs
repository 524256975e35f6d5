namespace ChineseLlm.Samples.WebApi.OpenAi;

/// <summary>How many input tokens were cache hits.</summary>
public sealed class PromptTokensDetailsDto
{
    public long CachedTokens { get; init; }
}
