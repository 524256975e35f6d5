namespace ChineseLlm.Client.OpenAiCompatible.Wire;

/// <summary><c>{"type":"text","text":…}</c> or <c>{"type":"image_url","image_url":{"url":…}}</c>.</summary>
internal sealed class WireContentPart
{
    public required string Type { get; set; }

    public string? Text { get; set; }

    public WireImageUrl? ImageUrl { get; set; }
}
