using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ChineseLlm.Client.Http;
using ChineseLlm.Client.Providers.Hunyuan.Wire;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChineseLlm.Client.Providers.Hunyuan;

/// <summary>
/// The native Hunyuan protocol: Tencent Cloud API 3.0 <c>ChatCompletions</c> (version 2023-09-01), PascalCase JSON,
/// TC3-HMAC-SHA256 signatures, errors inside HTTP 200 bodies (also for streams), and an SSE stream without
/// <c>[DONE]</c> whose usage is running (facts: shared/protocols/doubao-hunyuan.md §2).
/// </summary>
/// <remarks>Thread-safe: all state is read-only after construction. Sending, SSE parsing, deadlines and error
/// excerpts come from the shared <c>Http</c> plumbing; only the wire format lives here.</remarks>
internal sealed partial class HunyuanNativeChatClient : IChatClient
{
    /// <summary>The documented mainland endpoint (nearest region; region-bound hosts such as <c>hunyuan.ap-guangzhou.tencentcloudapi.com</c> also work).</summary>
    internal static readonly Uri DefaultEndpoint = new("https://hunyuan.tencentcloudapi.com");

    /// <summary>The provider's mainstream chat model.</summary>
    internal const string DefaultModel = "hunyuan-turbos-latest";

    /// <summary>The API 3.0 service name in the credential scope.</summary>
    internal const string Service = "hunyuan";

    /// <summary>The API 3.0 action.</summary>
    internal const string Action = "ChatCompletions";

    /// <summary>The API 3.0 version of <see cref="Action"/>.</summary>
    internal const string Version = "2023-09-01";

    private const string ProviderName = "hunyuan";

    private static readonly MediaTypeHeaderValue JsonContentType = MediaTypeHeaderValue.Parse(Tc3Signer.JsonContentType);

    private readonly RequestAuthenticator _authenticator;
    private readonly HttpClient _httpClient;
    private readonly bool _disposeHttpClient;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Uri _endpoint;
    private readonly string _defaultModel;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _streamIdleTimeout;
    private readonly long _maxResponseBytes;
    private readonly ChatClientMetadata _metadata;

    public HunyuanNativeChatClient(
        HunyuanOptions options, RequestAuthenticator authenticator, HttpClient httpClient, bool disposeHttpClient, TimeProvider timeProvider, ILogger? logger)
    {
        _authenticator = authenticator;
        _httpClient = httpClient;
        _disposeHttpClient = disposeHttpClient;
        _timeProvider = timeProvider;
        _logger = logger ?? NullLogger.Instance;
        var baseUri = options.Endpoint ?? DefaultEndpoint;

        // API 3.0 always POSTs to "/" with an empty query string (the path is part of the signature).
        _endpoint = ProviderEndpoint.Combine(baseUri, "/");
        _defaultModel = string.IsNullOrWhiteSpace(options.DefaultModel) ? DefaultModel : options.DefaultModel.Trim();
        _timeout = options.Timeout;
        _streamIdleTimeout = options.StreamIdleTimeout;
        _maxResponseBytes = options.MaxResponseBytes;
        _metadata = new ChatClientMetadata(ProviderName, baseUri, _defaultModel);
    }

    /// <summary>Builds the native client: the signer from the options, and the resilient HttpClient when none is given.</summary>
    public static HunyuanNativeChatClient Create(HunyuanOptions options, HttpClient? httpClient, TimeProvider? timeProvider, ILoggerFactory? loggerFactory)
    {
        timeProvider ??= TimeProvider.System;
        var signer = new Tc3Signer(options.SecretId!.Trim(), options.SecretKey!.Trim(), Service, timeProvider);
        var authenticator = new Tc3Authenticator(signer, Action, Version, options.Region);
        var ownsHttpClient = httpClient is null;
        httpClient ??= ProviderResilience.CreateHttpClient(options, HunyuanErrorMapper.Instance, timeProvider);
        return new HunyuanNativeChatClient(
            options, authenticator, httpClient, ownsHttpClient, timeProvider, loggerFactory?.CreateLogger("ChineseLlm.Client." + ProviderName));
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);

        var request = ToHunyuanRequest(_defaultModel, messages, options, stream: false, _logger);
        using var call = new ProviderCall(ProviderName, _timeout, _timeProvider, cancellationToken);
        try
        {
            using var response = await SendAsync(request, call.Token).ConfigureAwait(false);
            var headerRequestId = ResponseHeaders.GetRequestId(response, HunyuanErrorMapper.Instance.RequestIdHeaders);
            var body = await PooledBody.ReadBytesAsync(response.Content, _maxResponseBytes, ProviderName, call.Token).ConfigureAwait(false);
            var answer = ReadEnvelope(body, (int)response.StatusCode, headerRequestId);
            return FromHunyuanResponse(answer, request.Model, headerRequestId);
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

        var request = ToHunyuanRequest(_defaultModel, messages, options, stream: true, _logger);
        using var call = new ProviderCall(ProviderName, _timeout, _timeProvider, cancellationToken);
        HttpResponseMessage? response = null;
        try
        {
            Stream stream;
            StreamState state;
            try
            {
                response = await SendAsync(request, call.Token).ConfigureAwait(false);
                var requestId = ResponseHeaders.GetRequestId(response, HunyuanErrorMapper.Instance.RequestIdHeaders);

                // Quirk (§2): a stream request that fails is answered with HTTP 200 and a JSON Response.Error, not SSE.
                // The SDK also looks for that error under text/plain, which the shared check leaves to the SSE parser.
                if (response.Content.Headers.ContentType?.MediaType is { } mediaType &&
                    mediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase))
                {
                    var body = await PooledBody.ReadBytesAsync(response.Content, _maxResponseBytes, ProviderName, call.Token).ConfigureAwait(false);
                    ReadEnvelope(body, (int)response.StatusCode, requestId);
                    throw new ChineseLlmException(
                        ProviderName, LlmErrorKind.Protocol, "a streaming request was answered with text/plain instead of an event stream.", (int)response.StatusCode, requestId: requestId);
                }

                if (await EventStreamResponse.CheckAsync(response, HunyuanErrorMapper.Instance, _timeProvider, call.Token).ConfigureAwait(false) is { } notAStream)
                {
                    throw notAStream;
                }

                stream = await response.Content.ReadAsStreamAsync(call.Token).ConfigureAwait(false);
                state = new StreamState(request.Model, requestId);
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
                stream, HunyuanJsonContext.Default.HunyuanChatCompletionsResponse, ProviderName, _streamIdleTimeout, _timeProvider, call.Token, _maxResponseBytes);
            var enumerator = events.GetAsyncEnumerator(call.Token);
            try
            {
                while (true)
                {
                    ChatResponseUpdate? update;
                    try
                    {
                        // The native stream has no [DONE]: it ends when the server closes the connection.
                        if (!await enumerator.MoveNextAsync().ConfigureAwait(false) || enumerator.Current.IsDone)
                        {
                            break;
                        }

                        update = FromHunyuanChunk(enumerator.Current.Data!, state);
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

    /// <summary>What this protocol sends: images as image_url parts, tools and the thinking switch; no JSON format: the native ChatCompletions API has no response_format (HunyuanNativeChatClient.Request.cs).</summary>
    internal static readonly ProtocolCapabilities Capabilities = new("Hunyuan native", ModelCapabilities.Tools | ModelCapabilities.Vision | ModelCapabilities.Reasoning, SendsJsonSchema: false);

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

    /// <summary>Parses a non-stream body: returns the answer, or throws the mapped <c>Response.Error</c>.</summary>
    private static HunyuanChatCompletionsResponse ReadEnvelope(byte[] body, int statusCode, string? headerRequestId)
    {
        var json = body.AsSpan().Trim(" \t\r\n"u8);
        if (json.IsEmpty)
        {
            throw new ChineseLlmException(ProviderName, LlmErrorKind.Protocol, "the response body was empty.", statusCode, requestId: headerRequestId);
        }

        var answer = JsonSerializer.Deserialize(json, HunyuanJsonContext.Default.HunyuanResponseEnvelope)?.Response
            ?? throw new ChineseLlmException(ProviderName, LlmErrorKind.Protocol, "the response had no \"Response\" object.", statusCode, requestId: headerRequestId);
        if (answer.Error is { } error)
        {
            throw HunyuanErrorMapper.Instance.FromHunyuanError(error, statusCode, answer.RequestId ?? headerRequestId);
        }

        return answer;
    }

    /// <summary>Sends the signed request and returns a 2xx response, or throws the mapped error.</summary>
    private async Task<HttpResponseMessage> SendAsync(HunyuanChatCompletionsRequest request, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        Log.CallStarting(_logger, ProviderName, request.Model, request.Stream == true);

        using var httpRequest = new HttpRequestMessage(HttpMethod.Post, _endpoint);
        var content = new ByteArrayContent(WireJson.SerializeToUtf8Bytes(request, HunyuanJsonContext.Default.HunyuanChatCompletionsRequest));
        content.Headers.ContentType = JsonContentType; // exactly the content type that is signed
        httpRequest.Content = content;
        await _authenticator.AuthenticateAsync(httpRequest, cancellationToken).ConfigureAwait(false);

        var response = await _httpClient.SendAsync(httpRequest, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                var error = await ErrorBodyReader.ReadAsync(response, HunyuanErrorMapper.Instance, _timeProvider, cancellationToken).ConfigureAwait(false);
                throw HunyuanErrorMapper.Instance.MapError(error);
            }
        }

        if (_logger.IsEnabled(LogLevel.Debug))
        {
            var elapsed = (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds;
            var requestId = ResponseHeaders.GetRequestId(response, HunyuanErrorMapper.Instance.RequestIdHeaders);
            Log.CallSucceeded(_logger, ProviderName, request.Model, (int)response.StatusCode, elapsed, requestId);
        }

        return response;
    }

    private void LogFailure(ChineseLlmException ex) =>
        Log.CallFailed(_logger, ex.Provider, ex.Kind, ex.StatusCode, ex.ErrorCode, ex.RequestId);
}
