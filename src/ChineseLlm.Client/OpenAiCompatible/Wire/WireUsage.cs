namespace ChineseLlm.Client.OpenAiCompatible.Wire;

/// <summary>Token usage. Each vendor reports cached input in its own field; all known ones are read.</summary>
internal sealed class WireUsage
{
    public int? PromptTokens { get; set; }

    public int? CompletionTokens { get; set; }

    public int? TotalTokens { get; set; }

    /// <summary>OpenAI, DeepSeek V4, Doubao, Qwen compatible mode.</summary>
    public WirePromptTokensDetails? PromptTokensDetails { get; set; }

    public WireCompletionTokensDetails? CompletionTokensDetails { get; set; }

    /// <summary>Kimi: cached tokens at the top level of usage.</summary>
    public int? CachedTokens { get; set; }

    /// <summary>DeepSeek: the documented cache-hit count.</summary>
    public int? PromptCacheHitTokens { get; set; }

    /// <summary>DeepSeek: the cache-miss count (hit + miss = prompt tokens).</summary>
    public int? PromptCacheMissTokens { get; set; }
}
