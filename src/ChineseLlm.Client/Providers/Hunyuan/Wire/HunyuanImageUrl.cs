namespace ChineseLlm.Client.Providers.Hunyuan.Wire;

/// <summary>An image reference: an https URL or a <c>data:image/…;base64,</c> URI.</summary>
internal sealed class HunyuanImageUrl
{
    /// <summary>Gets or sets the URL.</summary>
    public required string Url { get; set; }
}
