namespace ChineseLlm.Client.Benchmarks.Raw;

/// <summary>One chat message on the wire.</summary>
public sealed class RawMessage
{
    public string? Role { get; init; }

    public string? Content { get; init; }

    public string? ReasoningContent { get; init; }
}
