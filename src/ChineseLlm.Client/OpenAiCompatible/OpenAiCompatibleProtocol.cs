using ChineseLlm.Client.OpenAiCompatible.Wire;

namespace ChineseLlm.Client.OpenAiCompatible;

/// <summary>
/// The OpenAI Chat Completions protocol shared by DeepSeek, Kimi, Doubao, ERNIE v2 and the vendors' compatible modes:
/// maps Microsoft.Extensions.AI messages and options to the wire request and the response, the SSE chunks and the
/// errors back; everything vendor-specific comes from the <see cref="OpenAiCompatibleDialect"/>. The
/// <see cref="ProviderChatClient{TRequest, TEvent, TState}"/> driver sends and reads.
/// </summary>
/// <remarks>Thread-safe: all state is read-only after construction.</remarks>
internal sealed partial class OpenAiCompatibleProtocol : ChatProtocol<ChatCompletionRequest, ChatCompletionChunk, OpenAiCompatibleProtocol.StreamState>
{

    private readonly Uri _chatUri;

    public OpenAiCompatibleProtocol(OpenAiCompatibleDialect dialect, Uri endpoint)
    {
        Dialect = dialect;
        _chatUri = ProviderEndpoint.Combine(endpoint, dialect.ChatPath);
    }

    /// <summary>Gets the vendor's dialect.</summary>
    public OpenAiCompatibleDialect Dialect { get; }

    /// <inheritdoc />
    public override string ProviderName => Dialect.ProviderName;

    /// <inheritdoc />
    public override object? GetService(Type serviceType)
        => serviceType == typeof(ProtocolCapabilities) ? Dialect.Capabilities : base.GetService(serviceType);

    /// <inheritdoc />
    public override IReadOnlyList<string> RequestIdHeaders => Dialect.RequestIdHeaders;

    /// <inheritdoc />
    public override ChineseLlmException MapError(ProviderErrorResponse response) => Dialect.MapError(response);

    /// <inheritdoc />
    public override bool FollowsOpenAiSdkRetryRules => Dialect.FollowsOpenAiSdkRetryRules;

    /// <inheritdoc />
    public override ChatCompletionRequest BuildRequest(string defaultModel, IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream, ILogger logger) =>
        ToWireRequest(Dialect, defaultModel, messages, options, stream);

    /// <inheritdoc />
    public override string GetModel(ChatCompletionRequest request) => request.Model;

    /// <inheritdoc />
    public override HttpRequestMessage CreateHttpRequest(ChatCompletionRequest request, bool stream)
    {
        var httpRequest = new HttpRequestMessage(HttpMethod.Post, _chatUri);
        httpRequest.Content = WireJson.CreateContent(request, OpenAiCompatibleJsonContext.Default.ChatCompletionRequest);
        if (stream)
        {
            httpRequest.Headers.TryAddWithoutValidation("Accept", "text/event-stream");
        }

        return httpRequest;
    }

    /// <inheritdoc />
    public override ChatResponse ReadResponse(ReadOnlySpan<byte> json, ChatCompletionRequest request, int statusCode, string? requestId)
    {
        var completion = new ChatCompletionReader().ReadResponse(json)
            ?? throw new ChineseLlmException(ProviderName, LlmErrorKind.Protocol, "the response body was JSON null.", statusCode, requestId: requestId);

        if (Dialect.InspectResponse(completion, statusCode, requestId) is { } businessError)
        {
            throw businessError;
        }

        if (completion.Error is { } error)
        {
            throw Dialect.MapError(statusCode, error, requestId, retryAfter: null);
        }

        var result = FromWireResponse(Dialect, completion, requestId);

        // Some vendors (iFlytek) name no model in the response: report the one that was asked for.
        result.ModelId ??= request.Model;
        return result;
    }

    /// <inheritdoc />
    public override ChatCompletionChunk? ParseEvent(ReadOnlySpan<byte> data) => new ChatCompletionReader().ReadChunk(data);

    /// <inheritdoc />
    /// <remarks>
    /// One <see cref="ChatCompletionReader"/> per stream: it reads the <c>id</c>, <c>model</c> and extra fields every
    /// chunk repeats once and reuses them (a reader per event allocated them again for every chunk, ~0.9 KB each).
    /// </remarks>
    public override SseDataParser<ChatCompletionChunk> CreateEventParser() => new ChatCompletionReader();

    /// <inheritdoc />
    public override async ValueTask<ChineseLlmException?> CheckEventStreamAsync(
        HttpResponseMessage response, string? requestId, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        // A JSON body the error envelope did not explain may carry the vendor's business error in its own shape
        // (iFlytek's top-level code): the dialect reads it as it would a non-streaming answer.
        return await base.CheckEventStreamAsync(response, requestId, timeProvider, cancellationToken).ConfigureAwait(false) is { } notAStream
            ? notAStream.Kind == LlmErrorKind.Protocol && await InspectJsonBodyAsync(response, notAStream.RequestId, cancellationToken).ConfigureAwait(false) is { } vendorError
                ? vendorError
                : notAStream
            : null;
    }

    /// <inheritdoc />
    public override StreamState CreateStreamState(ChatCompletionRequest request, string? requestId) => new(requestId) { ModelId = request.Model };

    /// <inheritdoc />
    public override ChatResponseUpdate? ReadStreamEvent(string eventType, ChatCompletionChunk data, StreamState state) => FromWireChunk(Dialect, data, state);

    /// <inheritdoc />
    public override void OnStreamDone(StreamState state) => state.SawDone = true;

    /// <inheritdoc />
    public override ChatResponseUpdate CompleteStream(StreamState state) => CompleteStream(Dialect, state);

    /// <summary>Runs the dialect's business-error check over a (buffered) JSON body; <see langword="null"/> when it finds none.</summary>
    private async Task<ChineseLlmException?> InspectJsonBodyAsync(HttpResponseMessage response, string? requestId, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false); // buffered by ErrorBodyReader, at most its MaxBodyBytes
        try
        {
            var json = body.AsSpan().Trim(" \t\r\n"u8);
            return json.IsEmpty || JsonSerializer.Deserialize(json, OpenAiCompatibleJsonContext.Default.ChatCompletionResponse) is not { } completion
                ? null
                : Dialect.InspectResponse(completion, (int)response.StatusCode, requestId);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
