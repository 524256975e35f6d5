namespace ChineseLlm.Client.Providers.Qwen.Wire;

internal sealed class QwenOutput
{
    /// <summary>With <c>result_format:"message"</c> (always requested).</summary>
    public List<QwenChoice>? Choices { get; set; }

    /// <summary>Only with <c>result_format:"text"</c> (the default of older models; docs/protocols/qwen.md).</summary>
    public string? Text { get; set; }

    /// <summary>Only with <c>result_format:"text"</c>.</summary>
    public string? FinishReason { get; set; }
}
