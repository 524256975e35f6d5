using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ChineseLlm.Client.Http;
using ChineseLlm.Client.OpenAiCompatible.Wire;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChineseLlm.Client.OpenAiCompatible;

/// <summary>
/// The OpenAI Chat Completions engine shared by DeepSeek, Kimi, Doubao, ERNIE v2 and the vendors' compatible modes.
/// Maps Microsoft.Extensions.AI messages and options to the wire request, sends it, and maps the response, the SSE
/// stream and the errors back; everything vendor-specific comes from the <see cref="OpenAiCompatibleDialect"/>.
/// </summary>
/// <remarks>Thread-safe: all state is read-only after construction.</remarks>
internal sealed partial class OpenAiCompatibleChatClient : IChatClient
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };

    private readonly OpenAiCompatibleDialect _dialect;
    private readonly OpenAiCompatibleClientSettings _settings;
    private readonly RequestAuthenticator _authenticator;
    private readonly HttpClient _httpClient;
    private readonly bool _disposeHttpClient;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Uri _chatUri;
    private readonly ChatClientMetadata _metadata;

    public OpenAiCompatibleChatClient(
        OpenAiCompatibleDialect dialect,
        OpenAiCompatibleClientSettings settings,
        RequestAuthenticator authenticator,
        HttpClient httpClient,
        bool disposeHttpClient,
        TimeProvider? timeProvider,
        ILogger? logger)
    {
        _dialect = dialect;
        _settings = settings;
        _authenticator = authenticator;
        _httpClient = httpClient;
        _disposeHttpClient = disposeHttpClient;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _chatUri = ProviderEndpoint.Combine(settings.Endpoint, dialect.ChatPath);
        _metadata = new ChatClientMetadata(dialect.ProviderName, settings.Endpoint, settings.DefaultModel);
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);

        var request = ToWireRequest(_dialect, _settings.DefaultModel, messages, options, stream: false);
        using var call = new ProviderCall(_dialect.ProviderName, _settings.Timeout, _timeProvider, cancellationToken);
        try
        {
            using var response = await SendAsync(request, call.Token).ConfigureAwait(false);
            var requestId = ResponseHeaders.GetRequestId(response, _dialect.RequestIdHeaders);
            ChatCompletionResponse? completion;
            var body = await PooledBody.ReadAsync(response.Content, call.Token).ConfigureAwait(false);
            try
            {
                // Quirk (kimi-deepseek.md §2.7): DeepSeek sends blank keep-alive lines before a non-streaming body.
                var json = body.Span.Trim(" \t\r\n"u8);
                if (json.IsEmpty)
                {
                    throw new ChineseLlmException(_dialect.ProviderName, LlmErrorKind.Protocol, "the response body was empty.", (int)response.StatusCode, requestId: requestId);
                }

                completion = new ChatCompletionReader().ReadResponse(json);
            }
            finally
            {
                body.Return();
            }

            if (completion is null)
            {
                throw new ChineseLlmException(_dialect.ProviderName, LlmErrorKind.Protocol, "the response body was JSON null.", (int)response.StatusCode, requestId: requestId);
            }

            if (_dialect.InspectResponse(completion, (int)response.StatusCode, requestId) is { } businessError)
            {
                throw businessError;
            }

            if (completion.Error is { } error)
            {
                throw _dialect.MapError((int)response.StatusCode, error, requestId, retryAfter: null);
            }

            var result = FromWireResponse(_dialect, completion, requestId);

            // Some vendors (iFlytek) name no model in the response: report the one that was asked for.
            result.ModelId ??= request.Model;
            return result;
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

        var request = ToWireRequest(_dialect, _settings.DefaultModel, messages, options, stream: true);
        using var call = new ProviderCall(_dialect.ProviderName, _settings.Timeout, _timeProvider, cancellationToken);
        HttpResponseMessage? response = null;
        try
        {
            response = await SendOrTranslateAsync(request, call).ConfigureAwait(false);
            var requestId = ResponseHeaders.GetRequestId(response, _dialect.RequestIdHeaders);
            var stream = await ReadStreamOrTranslateAsync(response, call).ConfigureAwait(false);
            var state = new StreamState(requestId) { ModelId = request.Model };
            var events = ServerSentEventReader.ReadAsync(
                stream, new ChatCompletionReader().ReadChunk, _dialect.ProviderName, _settings.StreamIdleTimeout, _timeProvider, call.Token);
            var enumerator = events.GetAsyncEnumerator(call.Token);
            try
            {
                while (true)
                {
                    ChatResponseUpdate? update;
                    try
                    {
                        if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                        {
                            break;
                        }

                        if (enumerator.Current.IsDone)
                        {
                            state.SawDone = true;
                            break;
                        }

                        update = FromWireChunk(_dialect, enumerator.Current.Data!, state);
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
                final = CompleteStream(_dialect, state);
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

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
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

    private async Task<HttpResponseMessage> SendOrTranslateAsync(ChatCompletionRequest request, ProviderCall call)
    {
        try
        {
            return await SendAsync(request, call.Token).ConfigureAwait(false);
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

    private async Task<Stream> ReadStreamOrTranslateAsync(HttpResponseMessage response, ProviderCall call)
    {
        try
        {
            if (await EventStreamResponse.CheckAsync(response, _dialect, _timeProvider, call.Token).ConfigureAwait(false) is { } notAStream)
            {
                // A JSON body the error envelope did not explain may carry the vendor's business error in its own
                // shape (iFlytek's top-level code): the dialect reads it as it would a non-streaming answer.
                throw notAStream.Kind == LlmErrorKind.Protocol && await InspectJsonBodyAsync(response, notAStream.RequestId, call.Token).ConfigureAwait(false) is { } vendorError
                    ? vendorError
                    : notAStream;
            }

            return await response.Content.ReadAsStreamAsync(call.Token).ConfigureAwait(false);
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

    /// <summary>Runs the dialect's business-error check over a (buffered) JSON body; <see langword="null"/> when it finds none.</summary>
    private async Task<ChineseLlmException?> InspectJsonBodyAsync(HttpResponseMessage response, string? requestId, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var json = body.AsSpan().Trim(" \t\r\n"u8);
            return json.IsEmpty || JsonSerializer.Deserialize(json, OpenAiCompatibleJsonContext.Default.ChatCompletionResponse) is not { } completion
                ? null
                : _dialect.InspectResponse(completion, (int)response.StatusCode, requestId);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Sends the request and returns a successful response, or throws the mapped provider error.</summary>
    private async Task<HttpResponseMessage> SendAsync(ChatCompletionRequest request, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        Log.CallStarting(_logger, _dialect.ProviderName, request.Model, request.Stream == true);

        using var httpRequest = new HttpRequestMessage(HttpMethod.Post, _chatUri);
        var content = new ByteArrayContent(WireJson.SerializeToUtf8Bytes(request, OpenAiCompatibleJsonContext.Default.ChatCompletionRequest));
        content.Headers.ContentType = JsonContentType;
        httpRequest.Content = content;
        if (request.Stream == true)
        {
            httpRequest.Headers.TryAddWithoutValidation("Accept", "text/event-stream");
        }

        await _authenticator.AuthenticateAsync(httpRequest, cancellationToken).ConfigureAwait(false);

        var response = await _httpClient.SendAsync(httpRequest, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                var error = await ErrorBodyReader.ReadAsync(response, _dialect, _timeProvider, cancellationToken).ConfigureAwait(false);
                throw _dialect.MapError(error);
            }
        }

        if (_logger.IsEnabled(LogLevel.Debug))
        {
            var elapsed = (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds;
            var requestId = ResponseHeaders.GetRequestId(response, _dialect.RequestIdHeaders);
            Log.CallSucceeded(_logger, _dialect.ProviderName, request.Model, (int)response.StatusCode, elapsed, requestId);
        }

        return response;
    }

    private void LogFailure(ChineseLlmException ex) =>
        Log.CallFailed(_logger, ex.Provider, ex.Kind, ex.StatusCode, ex.ErrorCode, ex.RequestId);
}
