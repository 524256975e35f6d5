namespace ChineseLlm.Client.Providers.Qwen.Wire;

internal sealed class QwenChoice
{
    public int? Index { get; set; }

    public QwenResponseMessage? Message { get; set; }

    /// <summary>Quirk (docs/protocols/qwen.md): the <em>string</em> <c>"null"</c> on every stream event but the last.</summary>
    public string? FinishReason { get; set; }
}
