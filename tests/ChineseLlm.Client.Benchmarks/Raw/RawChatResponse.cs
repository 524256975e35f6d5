namespace ChineseLlm.Client.Benchmarks.Raw;

/// <summary>A completion or a stream chunk: what a hand-written client reads of DeepSeek's answer.</summary>
public sealed class RawChatResponse
{
    public string? Id { get; init; }

    public string? Model { get; init; }

    public long? Created { get; init; }

    public List<RawChoice>? Choices { get; init; }

    public RawUsage? Usage { get; init; }
}
