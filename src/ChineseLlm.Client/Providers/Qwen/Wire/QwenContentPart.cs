namespace ChineseLlm.Client.Providers.Qwen.Wire;

/// <summary>A single-key multimodal part: <c>{"text":…}</c>, <c>{"image":…}</c>, <c>{"video":…}</c> or <c>{"audio":…}</c>.</summary>
internal sealed class QwenContentPart
{
    public string? Text { get; set; }

    /// <summary>An https URL or a <c>data:image/…;base64,…</c> URI.</summary>
    public string? Image { get; set; }

    public string? Video { get; set; }

    public string? Audio { get; set; }
}
