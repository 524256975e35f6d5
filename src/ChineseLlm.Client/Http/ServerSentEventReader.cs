using System.Net.ServerSentEvents;

namespace ChineseLlm.Client.Http;

/// <summary>
/// Opens a provider's SSE stream for the driver (<see cref="ProviderChatClient{TRequest, TEvent, TState}"/>) with
/// <see cref="SseParser"/>, which skips comments (<c>: keep-alive</c>) and blank lines. The driver's loop skips events
/// without data, stops at <c>[DONE]</c>, and restarts the call's idle limit on every event
/// (<see cref="ProviderCall.OnProgress"/>), so keep-alive comments do not count as progress.
/// </summary>
/// <remarks>
/// The driver reads the parser's own enumerator: no iterator of ours sits between it and the socket, so an idle open
/// stream holds one state machine less.
/// </remarks>
internal static class ServerSentEventReader
{
    /// <summary>Starts reading <paramref name="stream"/>; the enumerator observes <paramref name="cancellationToken"/>.</summary>
    /// <param name="stream">The response body.</param>
    /// <param name="parser">Parses each event's data.</param>
    /// <param name="provider">The provider key a too-large stream's error names.</param>
    /// <param name="maxBytes">The most the stream may send (<see cref="ChineseLlmProviderOptions.MaxResponseBytes"/>).</param>
    /// <param name="cancellationToken">The call's token.</param>
    public static IAsyncEnumerator<SseItem<SseEvent<T>>> Open<T>(
        Stream stream, SseDataParser<T> parser, string provider, long maxBytes, CancellationToken cancellationToken) =>

        // Bounded: the parser buffers a line until its line break, so one endless line would otherwise grow without limit.
        SseParser.Create(new BoundedReadStream(stream, maxBytes, provider), parser.ItemParser)
            .EnumerateAsync(cancellationToken)
            .GetAsyncEnumerator(cancellationToken); // the same token twice: the iterator links nothing
}
