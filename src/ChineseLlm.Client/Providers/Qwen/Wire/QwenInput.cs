namespace ChineseLlm.Client.Providers.Qwen.Wire;

internal sealed class QwenInput
{
    public required List<QwenMessage> Messages { get; set; }
}
