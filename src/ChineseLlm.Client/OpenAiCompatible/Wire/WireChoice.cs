namespace ChineseLlm.Client.OpenAiCompatible.Wire;

internal sealed class WireChoice
{
    public int Index { get; set; }

    public WireResponseMessage? Message { get; set; }

    public string? FinishReason { get; set; }
}
