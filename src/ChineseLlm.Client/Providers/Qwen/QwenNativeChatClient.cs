using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using ChineseLlm.Client.Http;
using ChineseLlm.Client.Providers.Qwen.Wire;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChineseLlm.Client.Providers.Qwen;

/// <summary>
/// The native DashScope protocol (facts: qwen-ernie.md §1.1–§1.5): <c>{model, input:{messages}, parameters}</c> to
/// text-generation (or multimodal-generation for vision models), incremental SSE streams with cumulative usage and no
/// <c>[DONE]</c>, and flat <c>{code, message, request_id}</c> errors — with an HTTP error status, or inside a 200 stream.
/// </summary>
/// <remarks>Thread-safe: all state is read-only after construction.</remarks>
internal sealed partial class QwenNativeChatClient : IChatClient
{
    private const string ProviderName = "qwen";

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };

    private readonly ProviderClientSettings _settings;
    private readonly RequestAuthenticator _authenticator;
    private readonly HttpClient _httpClient;
    private readonly bool _disposeHttpClient;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Uri _textUri;
    private readonly Uri _multimodalUri;
    private readonly ChatClientMetadata _metadata;

    public QwenNativeChatClient(
        ProviderClientSettings settings,
        RequestAuthenticator authenticator,
        HttpClient httpClient,
        bool disposeHttpClient,
        TimeProvider? timeProvider,
        ILogger? logger)
    {
        _settings = settings;
        _authenticator = authenticator;
        _httpClient = httpClient;
        _disposeHttpClient = disposeHttpClient;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _textUri = ProviderEndpoint.Combine(settings.Endpoint, QwenEndpoints.TextGenerationPath);
        _multimodalUri = ProviderEndpoint.Combine(settings.Endpoint, QwenEndpoints.MultimodalGenerationPath);
        _metadata = new ChatClientMetadata(ProviderName, settings.Endpoint, settings.DefaultModel);
    }

    /// <summary>Builds the client for validated options: the region's native domain unless an endpoint is set.</summary>
    public static QwenNativeChatClient Create(
        QwenOptions options, RequestAuthenticator authenticator, HttpClient? httpClient, TimeProvider? timeProvider, ILoggerFactory? loggerFactory)
    {
        timeProvider ??= TimeProvider.System;
        var settings = new ProviderClientSettings(
            options.Endpoint ?? QwenEndpoints.Native(options.Region),
            string.IsNullOrWhiteSpace(options.DefaultModel) ? QwenChatClient.DefaultModelId : options.DefaultModel.Trim(),
            options.Timeout,
            options.StreamIdleTimeout,
            options.MaxResponseBytes);
        var ownsHttpClient = httpClient is null;
        httpClient ??= ProviderResilience.CreateHttpClient(options, QwenErrorMapper.Instance, timeProvider);
        return new QwenNativeChatClient(
            settings, authenticator, httpClient, ownsHttpClient, timeProvider, loggerFactory?.CreateLogger("ChineseLlm.Client." + ProviderName));
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);

        var request = ToQwenRequest(_settings.DefaultModel, messages, options, stream: false, _logger);
        using var call = new ProviderCall(ProviderName, _settings.Timeout, _timeProvider, cancellationToken);
        try
        {
            using var response = await SendAsync(request, stream: false, call.Token).ConfigureAwait(false);
            var headerRequestId = ResponseHeaders.GetRequestId(response, QwenErrorMapper.Instance.RequestIdHeaders);
            var body = await PooledBody.ReadBytesAsync(response.Content, _settings.MaxResponseBytes, ProviderName, call.Token).ConfigureAwait(false);
            var json = body.AsSpan().Trim(" \t\r\n"u8);
            if (json.IsEmpty)
            {
                throw new ChineseLlmException(ProviderName, LlmErrorKind.Protocol, "the response body was empty.", (int)response.StatusCode, requestId: headerRequestId);
            }

            var result = JsonSerializer.Deserialize(json, QwenJsonContext.Default.QwenGenerationResponse)
                ?? throw new ChineseLlmException(ProviderName, LlmErrorKind.Protocol, "the response body was JSON null.", (int)response.StatusCode, requestId: headerRequestId);
            if (result.Code is not null && result.Output is null)
            {
                throw QwenErrorMapper.Instance.MapError(new ProviderErrorResponse((int)response.StatusCode, Encoding.UTF8.GetString(json), headerRequestId, RetryAfter: null));
            }

            return FromQwenResponse(result, request.Model, headerRequestId);
        }
        catch (Exception ex) when (call.TryTranslate(ex, out var translated))
        {
            LogFailure(translated);
            throw translated;
        }
        catch (ChineseLlmException ex)
        {
            LogFailure(ex);
            throw;
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);

        var request = ToQwenRequest(_settings.DefaultModel, messages, options, stream: true, _logger);
        using var call = new ProviderCall(ProviderName, _settings.Timeout, _timeProvider, cancellationToken);
        HttpResponseMessage? response = null;
        try
        {
            Stream stream;
            StreamState state;
            try
            {
                response = await SendAsync(request, stream: true, call.Token).ConfigureAwait(false);
                state = new StreamState(request.Model, ResponseHeaders.GetRequestId(response, QwenErrorMapper.Instance.RequestIdHeaders));

                // A JSON error body or an HTML page answering a stream request is that error (or Protocol), not a cut stream.
                if (await EventStreamResponse.CheckAsync(response, QwenErrorMapper.Instance, _timeProvider, call.Token).ConfigureAwait(false) is { } notAStream)
                {
                    throw notAStream;
                }

                stream = await response.Content.ReadAsStreamAsync(call.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (call.TryTranslate(ex, out var translated))
            {
                LogFailure(translated);
                throw translated;
            }
            catch (ChineseLlmException ex)
            {
                LogFailure(ex);
                throw;
            }

            var events = ServerSentEventReader.ReadAsync(
                stream, QwenJsonContext.Default.QwenGenerationResponse, ProviderName, _settings.StreamIdleTimeout, _timeProvider, call.Token, _settings.MaxResponseBytes);
            var enumerator = events.GetAsyncEnumerator(call.Token);
            try
            {
                while (true)
                {
                    ChatResponseUpdate? update;
                    try
                    {
                        // Quirk (§1.7 #3): no [DONE]; the stream ends when the server closes it after the finish event.
                        if (!await enumerator.MoveNextAsync().ConfigureAwait(false) || enumerator.Current.IsDone)
                        {
                            break;
                        }

                        update = FromQwenEvent(enumerator.Current.EventType, enumerator.Current.Data!, state);
                    }
                    catch (Exception ex) when (call.TryTranslate(ex, out var translated))
                    {
                        LogFailure(translated);
                        throw translated;
                    }
                    catch (ChineseLlmException ex)
                    {
                        LogFailure(ex);
                        throw;
                    }

                    if (update is not null)
                    {
                        yield return update;
                    }
                }
            }
            finally
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }

            ChatResponseUpdate final;
            try
            {
                final = CompleteStream(state);
            }
            catch (ChineseLlmException ex)
            {
                LogFailure(ex);
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

    /// <summary>What this protocol sends: image parts, tools, json_object and json_schema, enable_thinking (QwenNativeChatClient.Request.cs).</summary>
    internal static readonly ProtocolCapabilities Capabilities = new("Qwen native", ModelCapabilities.Tools | ModelCapabilities.Vision | ModelCapabilities.Json | ModelCapabilities.Reasoning, SendsJsonSchema: true);

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType == typeof(ProtocolCapabilities) ? Capabilities
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposeHttpClient)
        {
            _httpClient.Dispose();
        }
    }

    /// <summary>Sends the request and returns a successful response, or throws the mapped provider error.</summary>
    private async Task<HttpResponseMessage> SendAsync(QwenGenerationRequest request, bool stream, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        Log.CallStarting(_logger, ProviderName, request.Model, stream);

        using var httpRequest = new HttpRequestMessage(HttpMethod.Post, request.UsesMultimodalEndpoint ? _multimodalUri : _textUri);
        var content = new ByteArrayContent(WireJson.SerializeToUtf8Bytes(request, QwenJsonContext.Default.QwenGenerationRequest));
        content.Headers.ContentType = JsonContentType;
        httpRequest.Content = content;
        if (stream)
        {
            // Quirk (§1.1): X-DashScope-SSE turns streaming on; the official SDK also sends the Accept header.
            httpRequest.Headers.TryAddWithoutValidation("X-DashScope-SSE", "enable");
            httpRequest.Headers.Accept.ParseAdd("text/event-stream");
        }

        await _authenticator.AuthenticateAsync(httpRequest, cancellationToken).ConfigureAwait(false);

        var response = await _httpClient.SendAsync(httpRequest, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                var error = await ErrorBodyReader.ReadAsync(response, QwenErrorMapper.Instance, _timeProvider, cancellationToken).ConfigureAwait(false);
                throw QwenErrorMapper.Instance.MapError(error);
            }
        }

        if (_logger.IsEnabled(LogLevel.Debug))
        {
            var elapsed = (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds;
            var requestId = ResponseHeaders.GetRequestId(response, QwenErrorMapper.Instance.RequestIdHeaders);
            Log.CallSucceeded(_logger, ProviderName, request.Model, (int)response.StatusCode, elapsed, requestId);
        }

        return response;
    }

    private void LogFailure(ChineseLlmException ex) =>
        Log.CallFailed(_logger, ex.Provider, ex.Kind, ex.StatusCode, ex.ErrorCode, ex.RequestId);
}
