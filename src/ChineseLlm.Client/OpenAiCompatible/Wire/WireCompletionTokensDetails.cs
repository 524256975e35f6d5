namespace ChineseLlm.Client.OpenAiCompatible.Wire;

internal sealed class WireCompletionTokensDetails
{
    public int? ReasoningTokens { get; set; }
}
