namespace ChineseLlm.Client.Providers.Hunyuan.Wire;

/// <summary>Token usage.</summary>
internal sealed class HunyuanUsage
{
    /// <summary>Gets or sets the input tokens.</summary>
    public long? PromptTokens { get; set; }

    /// <summary>Gets or sets the output tokens (reasoning included).</summary>
    public long? CompletionTokens { get; set; }

    /// <summary>Gets or sets the total tokens, the billed quantity.</summary>
    public long? TotalTokens { get; set; }

    /// <summary>Gets or sets the input-token breakdown.</summary>
    public HunyuanPromptTokensDetails? PromptTokensDetails { get; set; }
}
