using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChineseLlm.Client.Http;

/// <summary>
/// The one driver every provider client runs on: it owns the call's deadline (<see cref="ProviderCall"/>), sending with
/// credentials, the success/error split, reading the body or the SSE stream (<see cref="ServerSentEventReader"/>) with its idle limit,
/// checking that a stream answer is an event stream, translating whatever escapes into
/// <see cref="ChineseLlmException"/>, logging and disposal. The <see cref="ChatProtocol{TRequest, TEvent, TState}"/>
/// supplies the wire format.
/// </summary>
/// <typeparam name="TRequest">The protocol's wire request.</typeparam>
/// <typeparam name="TEvent">The data of one stream event.</typeparam>
/// <typeparam name="TState">What a stream accumulates.</typeparam>
/// <remarks>Thread-safe: all state is read-only after construction.</remarks>
internal sealed class ProviderChatClient<TRequest, TEvent, TState> : IChatClient
    where TRequest : class
    where TEvent : class
{
    private readonly ChatProtocol<TRequest, TEvent, TState> _protocol;
    private readonly ProviderClientSettings _settings;
    private readonly RequestAuthenticator _authenticator;
    private readonly HttpClient _httpClient;
    private readonly bool _disposeHttpClient;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ChatClientMetadata _metadata;

    public ProviderChatClient(
        ChatProtocol<TRequest, TEvent, TState> protocol,
        ProviderClientSettings settings,
        RequestAuthenticator authenticator,
        HttpClient httpClient,
        bool disposeHttpClient,
        TimeProvider? timeProvider,
        ILogger? logger)
    {
        _protocol = protocol;
        _settings = settings;
        _authenticator = authenticator;
        Redactor = settings.Redactor.With(authenticator.Derived);
        _httpClient = httpClient;
        _disposeHttpClient = disposeHttpClient;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _metadata = new ChatClientMetadata(protocol.ProviderName, settings.Endpoint, settings.DefaultModel);
    }

    /// <summary>Gets the protocol this client speaks.</summary>
    public ChatProtocol<TRequest, TEvent, TState> Protocol => _protocol;

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        CallerInput.ThrowIfInvalid(_protocol.ProviderName, messages, options);

        var request = _protocol.BuildRequest(_settings.DefaultModel, messages, options, stream: false, _logger);
        using var call = new ProviderCall(_protocol.ProviderName, _settings.Timeout, _timeProvider, cancellationToken);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                using var httpRequest = _protocol.CreateHttpRequest(request, stream: false);
                try
                {
                    using var response = await SendAsync(httpRequest, request, stream: false, call.Token).ConfigureAwait(false);
                    var requestId = ResponseHeaders.GetRequestId(response, _protocol.RequestIdHeaders);
                    var body = await PooledBody.ReadAsync(response.Content, _settings.MaxResponseBytes, _protocol.ProviderName, call.Token).ConfigureAwait(false);
                    try
                    {
                        // Quirk (docs/protocols/deepseek.md §2.7): DeepSeek sends blank keep-alive lines before a non-streaming body.
                        var json = body.Span.Trim(" \t\r\n"u8);
                        if (json.IsEmpty)
                        {
                            throw new ChineseLlmException(
                                _protocol.ProviderName, LlmErrorKind.Protocol, "the response body was empty.", (int)response.StatusCode, requestId: requestId);
                        }

                        return _protocol.ReadResponse(json, request, (int)response.StatusCode, requestId);
                    }
                    finally
                    {
                        body.Return();
                    }
                }
                catch (ChineseLlmException ex) when (attempt == 0 && IsInBody(ex) && _authenticator.Reject(httpRequest, ex))
                {
                    // The credential was refused inside a successful answer (ERNIE v1 codes 110/111): re-send once with a new one.
                }
            }
        }
        catch (Exception ex) when (Fail(call, ex) is { } failure)
        {
            if (failure != ex)
            {
                throw failure;
            }

            throw;
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        CallerInput.ThrowIfInvalid(_protocol.ProviderName, messages, options);

        var request = _protocol.BuildRequest(_settings.DefaultModel, messages, options, stream: true, _logger);
        using var call = new ProviderCall(_protocol.ProviderName, _settings.Timeout, _timeProvider, cancellationToken);
        HttpResponseMessage? response = null;
        try
        {
            Stream stream;
            TState state;
            try
            {
                (response, stream, state) = await OpenStreamAsync(request, call.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (Fail(call, ex) is { } failure)
            {
                if (failure != ex)
                {
                    throw failure;
                }

                throw;
            }

            // The parser's enumerator is read directly (no iterator in between); the idle limit starts with the stream.
            var events = ServerSentEventReader.Open(stream, _protocol.CreateEventParser(), _protocol.ProviderName, _settings.MaxResponseBytes, call.Token);
            call.StartIdleLimit(_settings.StreamIdleTimeout);
            try
            {
                while (true)
                {
                    ChatResponseUpdate? update;
                    try
                    {
                        if (!await events.MoveNextAsync().ConfigureAwait(false))
                        {
                            break;
                        }

                        call.OnProgress();
                        call.Token.ThrowIfCancellationRequested();
                        var evt = events.Current.Data;
                        if (evt.IsDone)
                        {
                            _protocol.OnStreamDone(state);
                            break;
                        }

                        if (evt.Data is null)
                        {
                            continue; // an event without data (or JSON null) carries nothing
                        }

                        update = _protocol.ReadStreamEvent(evt.EventType, evt.Data, state);
                    }
                    catch (Exception ex) when (Fail(call, ex) is { } failure)
                    {
                        if (failure != ex)
                        {
                            throw failure;
                        }

                        throw;
                    }

                    if (update is not null)
                    {
                        yield return update;
                    }

                    if (_protocol.IsStreamComplete(state))
                    {
                        break;
                    }
                }
            }
            finally
            {
                await events.DisposeAsync().ConfigureAwait(false);
            }

            ChatResponseUpdate final;
            try
            {
                final = _protocol.CompleteStream(state);
            }
            catch (ChineseLlmException ex) when (Redactor.Redact(ex) is ChineseLlmException safe)
            {
                LogFailure(safe);
                if (!ReferenceEquals(safe, ex))
                {
                    throw safe;
                }

                throw;
            }

            yield return final;
        }
        finally
        {
            // Disposing the response releases the connection even when the caller stops enumerating early.
            response?.Dispose();
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : _protocol.GetService(serviceType);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        (_authenticator as IDisposable)?.Dispose();
        if (_disposeHttpClient)
        {
            _httpClient.Dispose();
        }
    }

    /// <summary>An error read out of a successful answer (not one mapped from an HTTP error status).</summary>
    private static bool IsInBody(ChineseLlmException ex) => ex.StatusCode is >= 200 and < 300;

    /// <summary>Sends a stream request and checks that the answer is an event stream; re-sends once when a credential is refused.</summary>
    private async Task<(HttpResponseMessage Response, Stream Stream, TState State)> OpenStreamAsync(TRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var httpRequest = _protocol.CreateHttpRequest(request, stream: true);
            var response = await SendAsync(httpRequest, request, stream: true, cancellationToken).ConfigureAwait(false);
            try
            {
                var requestId = ResponseHeaders.GetRequestId(response, _protocol.RequestIdHeaders);
                if (await _protocol.CheckEventStreamAsync(response, requestId, _timeProvider, cancellationToken).ConfigureAwait(false) is { } notAStream)
                {
                    if (attempt == 0 && IsInBody(notAStream) && _authenticator.Reject(httpRequest, notAStream))
                    {
                        response.Dispose();
                        continue;
                    }

                    throw notAStream;
                }

                var state = _protocol.CreateStreamState(request, requestId);
                var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                return (response, stream, state);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
    }

    /// <summary>Authenticates and sends the request; returns a successful response, or throws the mapped provider error.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage httpRequest, TRequest request, bool stream, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        var model = _protocol.GetModel(request);
        Log.CallStarting(_logger, _protocol.ProviderName, model, stream);

        await _authenticator.AuthenticateAsync(httpRequest, cancellationToken).ConfigureAwait(false);
        var response = await _httpClient.SendAsync(httpRequest, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                var error = await ErrorBodyReader.ReadAsync(response, _protocol, _timeProvider, cancellationToken).ConfigureAwait(false);
                throw _protocol.MapError(error);
            }
        }

        if (_logger.IsEnabled(LogLevel.Debug))
        {
            var elapsed = (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds;
            var requestId = ResponseHeaders.GetRequestId(response, _protocol.RequestIdHeaders);
            Log.CallSucceeded(_logger, _protocol.ProviderName, model, (int)response.StatusCode, elapsed, requestId);
        }

        return response;
    }

    /// <summary>
    /// What escaped a step of the call, as the <see cref="ChineseLlmException"/> to throw (logged once), or
    /// <see langword="null"/> when it must propagate unchanged (the caller's cancellation).
    /// </summary>
    /// <summary>
    /// Gets what masks the configured secrets and the ones the authenticator derived; failures are redacted with it
    /// before they are logged here or leave the driver.
    /// </summary>
    internal Telemetry.SecretRedactor Redactor { get; }

    private ChineseLlmException? Fail(ProviderCall call, Exception exception)
    {
        var failure = exception as ChineseLlmException ?? (call.TryTranslate(exception, out var translated) ? translated : null);
        if (failure is not null)
        {
            failure = (ChineseLlmException)Redactor.Redact(failure);
            LogFailure(failure);
        }

        return failure;
    }

    private void LogFailure(ChineseLlmException ex) =>
        Log.CallFailed(_logger, ex.Provider, ex.Kind, ex.StatusCode, ex.ErrorCode, ex.RequestId);
}
