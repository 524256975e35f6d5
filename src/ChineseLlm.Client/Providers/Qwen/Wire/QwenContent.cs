namespace ChineseLlm.Client.Providers.Qwen.Wire;

/// <summary>Message content: plain text (text-generation) or a list of single-key parts (multimodal-generation).</summary>
[JsonConverter(typeof(QwenContentConverter))]
internal sealed class QwenContent
{
    public QwenContent(string text) => Text = text;

    public QwenContent(List<QwenContentPart> parts) => Parts = parts;

    public string? Text { get; }

    public List<QwenContentPart>? Parts { get; }

    /// <summary>Gets the text of either shape: the string, or the <c>text</c> parts joined.</summary>
    public string GetText() => Text ?? string.Concat(Parts?.Select(p => p.Text) ?? []);
}
