namespace ChineseLlm.Client.Benchmarks.Raw;

/// <summary><c>stream_options</c>.</summary>
public sealed class RawStreamOptions
{
    public bool IncludeUsage { get; init; }
}
