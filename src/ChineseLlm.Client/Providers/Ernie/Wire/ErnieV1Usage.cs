namespace ChineseLlm.Client.Providers.Ernie.Wire;

internal sealed class ErnieV1Usage
{
    public int? PromptTokens { get; set; }

    public int? CompletionTokens { get; set; }

    public int? TotalTokens { get; set; }
}
