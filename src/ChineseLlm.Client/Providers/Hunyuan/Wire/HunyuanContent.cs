namespace ChineseLlm.Client.Providers.Hunyuan.Wire;

/// <summary>One part of a multimodal message.</summary>
internal sealed class HunyuanContent
{
    /// <summary>Gets or sets <c>text</c> or <c>image_url</c> (the server also knows <c>video_url</c>, <c>video_frames</c>).</summary>
    public required string Type { get; set; }

    /// <summary>Gets or sets the text of a <c>text</c> part.</summary>
    public string? Text { get; set; }

    /// <summary>Gets or sets the image of an <c>image_url</c> part.</summary>
    public HunyuanImageUrl? ImageUrl { get; set; }
}
