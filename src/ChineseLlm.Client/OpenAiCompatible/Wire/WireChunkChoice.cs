namespace ChineseLlm.Client.OpenAiCompatible.Wire;

internal sealed class WireChunkChoice
{
    public int Index { get; set; }

    public WireResponseMessage? Delta { get; set; }

    public string? FinishReason { get; set; }

    /// <summary>Quirk (docs/protocols/kimi.md §1.6): Kimi puts per-choice usage inside the finish choice.</summary>
    public WireUsage? Usage { get; set; }
}
