namespace ChineseLlm.Client.OpenAiCompatible.Wire;

internal sealed class WireImageUrl
{
    public required string Url { get; set; }

    public string? Detail { get; set; }
}
