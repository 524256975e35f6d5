using System.Net.ServerSentEvents;

namespace ChineseLlm.Client.Http;

/// <summary>
/// Parses the data of one stream's server-sent events for <see cref="SseParser"/>: blank data is an event without data
/// (skipped by the driver), <c>[DONE]</c> is the terminator, anything else is handed to <see cref="Parse"/>.
/// </summary>
/// <typeparam name="T">The type the data parses to.</typeparam>
/// <remarks>
/// A parser that keeps what a stream repeats in every event (its id, model name, extra fields) reads one stream;
/// a stateless one may be shared by every stream of a protocol. The <see cref="SseParser"/> callback is the parser's own
/// method, so a stream holds no closure for it.
/// </remarks>
internal abstract class SseDataParser<T>
{
    private SseItemParser<SseEvent<T>>? _itemParser;

    /// <summary>Gets the callback <see cref="SseParser.Create{T}(Stream, SseItemParser{T})"/> takes.</summary>
    public SseItemParser<SseEvent<T>> ItemParser => _itemParser ??= ParseItem;

    private static ReadOnlySpan<byte> Done => "[DONE]"u8;

    /// <summary>Parses one event's data.</summary>
    /// <param name="data">The data as UTF-8 JSON: trimmed, never empty, never <c>[DONE]</c>.</param>
    /// <returns>The parsed value, or <see langword="null"/> for JSON <c>null</c>.</returns>
    public abstract T? Parse(ReadOnlySpan<byte> data);

    private SseEvent<T> ParseItem(string eventType, ReadOnlySpan<byte> data)
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

        return new SseEvent<T>(eventType, Parse(trimmed), IsDone: false);
    }
}
