namespace ChineseLlm.Samples.WebApi.OpenAi;

/// <summary>A content part: <c>{"type":"text","text":…}</c> or <c>{"type":"image_url","image_url":{"url":…}}</c>.</summary>
public sealed class ContentPartDto
{
    public string? Type { get; set; }

    public string? Text { get; set; }

    public ImageUrlDto? ImageUrl { get; set; }
}
