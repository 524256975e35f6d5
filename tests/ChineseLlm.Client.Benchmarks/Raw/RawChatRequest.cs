namespace ChineseLlm.Client.Benchmarks.Raw;

/// <summary>The request a hand-written client sends: model, messages and the stream switch.</summary>
public sealed class RawChatRequest
{
    public required string Model { get; init; }

    public required IReadOnlyList<RawMessage> Messages { get; init; }

    public bool? Stream { get; init; }

    public RawStreamOptions? StreamOptions { get; init; }
}
