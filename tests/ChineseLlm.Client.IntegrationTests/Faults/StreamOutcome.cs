using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Faults;

/// <summary>How a read stream ended.</summary>
/// <param name="Updates">The updates the caller received before the end.</param>
/// <param name="Error">The exception that ended the stream, or <see langword="null"/> when it completed.</param>
/// <param name="Elapsed">The time from the first read to the end.</param>
/// <param name="LastUpdateAt">When the last update arrived (zero when none did).</param>
public sealed record StreamOutcome(IReadOnlyList<ChatResponseUpdate> Updates, Exception? Error, TimeSpan Elapsed, TimeSpan LastUpdateAt)
{
    /// <summary>Gets the text the caller received.</summary>
    public string Text => string.Concat(Updates.Select(u => u.Text));

    /// <summary>Asserts the stream failed with a <see cref="ChineseLlmException"/> and returns it.</summary>
    public ChineseLlmException Failure() => Assert.IsType<ChineseLlmException>(Error, exactMatch: true);
}
