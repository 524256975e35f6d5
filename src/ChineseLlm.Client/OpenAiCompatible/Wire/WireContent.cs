namespace ChineseLlm.Client.OpenAiCompatible.Wire;

/// <summary>Message content: either plain text or a list of typed parts.</summary>
[JsonConverter(typeof(WireContentConverter))]
internal sealed class WireContent
{
    public WireContent(string text) => Text = text;

    public WireContent(List<WireContentPart> parts) => Parts = parts;

    public string? Text { get; }

    public List<WireContentPart>? Parts { get; }
}
