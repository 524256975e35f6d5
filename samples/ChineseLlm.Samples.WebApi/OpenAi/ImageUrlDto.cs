namespace ChineseLlm.Samples.WebApi.OpenAi;

/// <summary>An image reference: an http(s) URL or a <c>data:</c> URL.</summary>
public sealed class ImageUrlDto
{
    public string? Url { get; set; }

    public string? Detail { get; set; }
}
