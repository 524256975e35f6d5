namespace ChineseLlm.Client.Benchmarks.Raw;

/// <summary>One choice: <c>message</c> in a completion, <c>delta</c> in a stream chunk.</summary>
public sealed class RawChoice
{
    public int Index { get; init; }

    public RawMessage? Message { get; init; }

    public RawMessage? Delta { get; init; }

    public string? FinishReason { get; init; }
}
