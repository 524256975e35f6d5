namespace ChineseLlm.Client.Providers.Qwen.Wire;

internal sealed class QwenPromptTokensDetails
{
    /// <summary>Implicit or explicit context-cache hits.</summary>
    public int? CachedTokens { get; set; }
}
