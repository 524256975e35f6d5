namespace ChineseLlm.Client.Http;

/// <summary>
/// What one wire protocol supplies to the <see cref="ProviderChatClient{TRequest, TEvent, TState}"/> driver: build the
/// request, read a response, read a stream event, complete the stream, and classify errors (its one place for that).
/// Everything else — the deadline, sending, the SSE reading, exception translation, logging and disposal — is the
/// driver's, written once for every protocol.
/// </summary>
/// <typeparam name="TRequest">The protocol's wire request.</typeparam>
/// <typeparam name="TEvent">The data of one stream event.</typeparam>
/// <typeparam name="TState">What a stream accumulates (tool-call fragments, usage, finish reason).</typeparam>
/// <remarks>A protocol instance belongs to one client (it may hold the client's endpoint); it keeps no per-call state.</remarks>
internal abstract class ChatProtocol<TRequest, TEvent, TState> : IProviderErrorMapper
    where TRequest : class
    where TEvent : class
{
    private static readonly string[] NoHeaders = [];

    private EventParser? _eventParser;

    /// <inheritdoc />
    public abstract string ProviderName { get; }

    /// <inheritdoc />
    public virtual IReadOnlyList<string> RequestIdHeaders => NoHeaders;

    /// <inheritdoc />
    public virtual bool FollowsOpenAiSdkRetryRules => false;

    /// <inheritdoc />
    public abstract ChineseLlmException MapError(ProviderErrorResponse response);

    /// <summary>Maps the caller's messages and options to the wire request.</summary>
    public abstract TRequest BuildRequest(string defaultModel, IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream, ILogger logger);

    /// <summary>Gets the model a request asks for (logged; reported when the response names none).</summary>
    public abstract string GetModel(TRequest request);

    /// <summary>Creates the HTTP request (method, URI, JSON content, stream headers); credentials are added afterwards.</summary>
    public abstract HttpRequestMessage CreateHttpRequest(TRequest request, bool stream);

    /// <summary>Reads a successful non-streaming body (trimmed, never empty); throws the error it reports.</summary>
    public abstract ChatResponse ReadResponse(ReadOnlySpan<byte> json, TRequest request, int statusCode, string? requestId);

    /// <summary>Parses one stream event's data (trimmed, never empty, never <c>[DONE]</c>).</summary>
    public abstract TEvent? ParseEvent(ReadOnlySpan<byte> data);

    /// <summary>
    /// Creates the parser of one stream's events: <see cref="ParseEvent"/>, unless the protocol's reader keeps what a
    /// stream repeats in every event (its id, model name, extra fields) and so needs one reader per stream.
    /// </summary>
    public virtual SseDataParser<TEvent> CreateEventParser() => _eventParser ??= new EventParser(this);

    /// <summary>
    /// Returns the error a successful answer to a stream request stands for when it is not an event stream (a JSON
    /// error body or an HTML page: the vendor's error, or <see cref="LlmErrorKind.Protocol"/>, never a cut stream).
    /// Protocols that read more out of such a body extend it.
    /// </summary>
    public virtual async ValueTask<ChineseLlmException?> CheckEventStreamAsync(
        HttpResponseMessage response, string? requestId, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        await EventStreamResponse.CheckAsync(response, this, timeProvider, cancellationToken).ConfigureAwait(false);

    /// <summary>Creates the state of one stream.</summary>
    public abstract TState CreateStreamState(TRequest request, string? requestId);

    /// <summary>Maps one event; returns <see langword="null"/> when it carries nothing for the caller; throws the error it reports.</summary>
    public abstract ChatResponseUpdate? ReadStreamEvent(string eventType, TEvent data, TState state);

    /// <summary>Notes that the stream ended with <c>[DONE]</c>.</summary>
    public virtual void OnStreamDone(TState state)
    {
    }

    /// <summary>Gets a value indicating whether the stream's last event ended the answer (the rest is not read).</summary>
    public virtual bool IsStreamComplete(TState state) => false;

    /// <summary>The final update (joined tool calls, usage, finish reason); throws when the stream was cut short.</summary>
    public abstract ChatResponseUpdate CompleteStream(TState state);

    /// <summary>Answers <see cref="IChatClient.GetService"/> for what the protocol itself offers.</summary>
    public virtual object? GetService(Type serviceType) => serviceType.IsInstanceOfType(this) ? this : null;

    /// <summary>The parser of every stream of a protocol whose <see cref="ParseEvent"/> keeps no state.</summary>
    private sealed class EventParser(ChatProtocol<TRequest, TEvent, TState> protocol) : SseDataParser<TEvent>
    {
        public override TEvent? Parse(ReadOnlySpan<byte> data) => protocol.ParseEvent(data);
    }
}
