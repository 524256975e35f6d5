using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;

namespace ChineseLlm.Client.Http;

/// <summary>
/// Reads a provider's SSE stream with <see cref="SseParser"/>: comments (<c>: keep-alive</c>) and blank lines are
/// skipped by the parser, events with empty data are skipped, <c>[DONE]</c> ends the stream, and an idle timeout
/// fails the read when no data event arrives in time (keep-alive comments do not count as progress).
/// </summary>
internal static class ServerSentEventReader
{
    private static ReadOnlySpan<byte> Done => "[DONE]"u8;

    public static IAsyncEnumerable<SseEvent<T>> ReadAsync<T>(
        Stream stream,
        JsonTypeInfo<T> typeInfo,
        string provider,
        TimeSpan idleTimeout,
        TimeProvider timeProvider,
        CancellationToken cancellationToken,
        long maxBytes = ProviderDefaults.MaxResponseBytes)
        => ReadAsync(stream, data => JsonSerializer.Deserialize(data, typeInfo), provider, idleTimeout, timeProvider, cancellationToken, maxBytes);

    /// <summary>Reads the stream, parsing each data event with <paramref name="parseData"/>.</summary>
    public static async IAsyncEnumerable<SseEvent<T>> ReadAsync<T>(
        Stream stream,
        SseDataParser<T> parseData,
        string provider,
        TimeSpan idleTimeout,
        TimeProvider timeProvider,
        [EnumeratorCancellation] CancellationToken cancellationToken,
        long maxBytes = ProviderDefaults.MaxResponseBytes)
    {
        using var idle = idleTimeout == Timeout.InfiniteTimeSpan
            ? new CancellationTokenSource()
            : new CancellationTokenSource(idleTimeout, timeProvider);

        // The caller's token cancels the idle source too, so reads wait on one token: a registration instead of a
        // linked source holds less per open stream (the idle source must stay the one on the caller's TimeProvider).
        using var callerRegistration = cancellationToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), idle);

        // Bounded: the parser buffers a line until its line break, so one endless line would otherwise grow without limit.
        var parser = SseParser.Create(new BoundedReadStream(stream, maxBytes, provider), (eventType, data) => Parse(eventType, data, parseData));
        var events = parser.EnumerateAsync(idle.Token).GetAsyncEnumerator(idle.Token);
        try
        {
            while (true)
            {
                SseItem<SseEvent<T>> item;
                try
                {
                    if (!await events.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }

                    item = events.Current;
                }
                catch (OperationCanceledException ex) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw new ChineseLlmException(
                        provider, LlmErrorKind.Timeout, $"the stream stalled: no event for {idleTimeout}.", innerException: ex);
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (idleTimeout != Timeout.InfiniteTimeSpan)
                {
                    idle.CancelAfter(idleTimeout);
                }

                var evt = item.Data;
                if (evt.IsDone)
                {
                    yield return evt;
                    yield break;
                }

                if (evt.Data is not null)
                {
                    yield return evt;
                }
            }
        }
        finally
        {
            await events.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static SseEvent<T> Parse<T>(string eventType, ReadOnlySpan<byte> data, SseDataParser<T> parseData)
    {
        var trimmed = data.Trim(" \t\r\n"u8);
        if (trimmed.IsEmpty)
        {
            return new SseEvent<T>(eventType, default, IsDone: false);
        }

        if (trimmed.SequenceEqual(Done))
        {
            return new SseEvent<T>(eventType, default, IsDone: true);
        }

        return new SseEvent<T>(eventType, parseData(trimmed), IsDone: false);
    }
}
