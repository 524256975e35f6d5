namespace ChineseLlm.Client.OpenAiCompatible.Wire;

internal sealed class WirePromptTokensDetails
{
    public int? CachedTokens { get; set; }
}
