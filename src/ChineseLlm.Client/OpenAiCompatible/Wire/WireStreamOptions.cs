namespace ChineseLlm.Client.OpenAiCompatible.Wire;

internal sealed class WireStreamOptions
{
    public bool IncludeUsage { get; set; }
}
