namespace ChineseLlm.Client.Providers.Qwen.Wire;

internal sealed class QwenOutputTokensDetails
{
    public int? ReasoningTokens { get; set; }
}
