namespace ChineseLlm.Client.Providers.Qwen.Wire;

/// <summary>Token usage. Quirk (docs/protocols/qwen.md): cumulative in every stream event — take the last, never sum.</summary>
internal sealed class QwenUsage
{
    public int? InputTokens { get; set; }

    public int? OutputTokens { get; set; }

    /// <summary>May be absent for multimodal models.</summary>
    public int? TotalTokens { get; set; }

    public QwenPromptTokensDetails? PromptTokensDetails { get; set; }

    public QwenOutputTokensDetails? OutputTokensDetails { get; set; }

    /// <summary>Qwen-Long and file-document responses report cache hits at the top level.</summary>
    public int? CachedTokens { get; set; }

    /// <summary>Multimodal models: the image share of <see cref="InputTokens"/>.</summary>
    public int? ImageTokens { get; set; }
}
