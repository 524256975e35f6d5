namespace ChineseLlm.Client.Providers.Qwen.Wire;

internal sealed class QwenChoice
{
    public int? Index { get; set; }

    public QwenResponseMessage? Message { get; set; }

    /// <summary>Quirk (§1.7 #1): the <em>string</em> <c>"null"</c> on every stream event but the last.</summary>
    public string? FinishReason { get; set; }
}
