namespace ChineseLlm.Client.Benchmarks.Raw;

/// <summary>Token usage, with DeepSeek's cache-hit count.</summary>
public sealed class RawUsage
{
    public int PromptTokens { get; init; }

    public int CompletionTokens { get; init; }

    public int TotalTokens { get; init; }

    public int? PromptCacheHitTokens { get; init; }
}
