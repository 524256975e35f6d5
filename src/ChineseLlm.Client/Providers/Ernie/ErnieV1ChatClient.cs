using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using ChineseLlm.Client.Http;
using ChineseLlm.Client.Providers.Ernie.Wire;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChineseLlm.Client.Providers.Ernie;

/// <summary>
/// The legacy Qianfan v1 (wenxinworkshop) protocol (facts: shared/protocols/qwen-ernie.md §2.5–2.9): OAuth token in
/// the query string, <c>system</c> as a top-level field, <c>result</c>/<c>is_end</c> streaming without <c>[DONE]</c>,
/// errors as HTTP 200 bodies with <c>error_code</c> (also for stream requests), one token refresh on codes 110/111.
/// </summary>
internal sealed class ErnieV1ChatClient : IChatClient
{
    private const string ProviderName = "ernie";
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };

    /// <summary>M.E.AI's JSON options (they know the argument and result types) without indentation: they go on the wire.</summary>
    private static readonly JsonSerializerOptions CompactAIJsonOptions = CreateCompactAIJsonOptions();

    /// <summary>Model id → the v1 endpoint suffix (§2.6). Unknown ids are sent as-is, lower-cased.</summary>
    private static readonly Dictionary<string, string> EndpointSuffixes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ernie-4.0-8k"] = "completions_pro",
        ["ernie-bot-4"] = "completions_pro",
        ["ernie-3.5-8k"] = "completions",
        ["ernie-bot"] = "completions",
        ["ernie-speed-8k"] = "ernie_speed",
        ["ernie-lite-8k-0922"] = "eb-instant",
        ["ernie-bot-turbo"] = "eb-instant",
        ["ernie-character-8k"] = "ernie-char-8k",
        ["ernie-function-8k"] = "ernie-func-8k",

        // The rest of the official SDK's renamed endpoints (bce-qianfan-sdk python/qianfan/resources/llm/chat_completion.py).
        ["ernie-speed"] = "ernie_speed",
        ["ernie-lite-8k-0308"] = "ernie-lite-8k",
        ["ernie-4.0-8k-preview-0518"] = "completions_adv_pro",
        ["ernie-functions-8k"] = "ernie-func-8k",
        ["ernie-character-fiction-8k"] = "ernie-char-fiction-8k",
        ["ernie-lite-appbuilder-8k-0614"] = "ai_apaas_lite",
        ["ernie-speed-appbuilder"] = "ai_apaas",
    };

    private readonly HttpClient _httpClient;
    private readonly bool _disposeHttpClient;
    private readonly Uri _baseUri;
    private readonly string _defaultModel;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _streamIdleTimeout;
    private readonly long _maxResponseBytes;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ErnieAccessTokenProvider _tokens;
    private readonly ChatClientMetadata _metadata;

    private ErnieV1ChatClient(ErnieOptions options, HttpClient httpClient, bool disposeHttpClient, TimeProvider timeProvider, ILogger logger)
    {
        _httpClient = httpClient;
        _disposeHttpClient = disposeHttpClient;
        _baseUri = options.Endpoint ?? new Uri("https://aip.baidubce.com");
        _defaultModel = string.IsNullOrWhiteSpace(options.DefaultModel) ? ErnieDefaults.Model : options.DefaultModel.Trim();
        _timeout = options.Timeout;
        _streamIdleTimeout = options.StreamIdleTimeout;
        _maxResponseBytes = options.MaxResponseBytes;
        _timeProvider = timeProvider;
        _logger = logger;
        _tokens = new ErnieAccessTokenProvider(httpClient, options.TokenEndpoint ?? _baseUri, options.ApiKey!, options.SecretKey!, timeProvider, options.Timeout);
        _metadata = new ChatClientMetadata(ProviderName, _baseUri, _defaultModel);
    }

    public static ErnieV1ChatClient Create(ErnieOptions options, HttpClient? httpClient, TimeProvider? timeProvider, ILoggerFactory? loggerFactory)
    {
        timeProvider ??= TimeProvider.System;
        var owns = httpClient is null;
        httpClient ??= ProviderResilience.CreateHttpClient(options, ErnieV1ErrorMapper.Instance, timeProvider);
        return new ErnieV1ChatClient(
            options, httpClient, owns, timeProvider, loggerFactory?.CreateLogger("ChineseLlm.Client.ernie") ?? NullLogger.Instance);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var (model, request) = ToErnieRequest(messages, options, _defaultModel, stream: false);
        using var call = new ProviderCall(ProviderName, _timeout, _timeProvider, cancellationToken);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var token = await _tokens.GetTokenAsync(call.Token).ConfigureAwait(false);
                using var response = await SendAsync(model, request, token, call.Token).ConfigureAwait(false);
                var requestId = ResponseHeaders.GetRequestId(response, ErnieV1ErrorMapper.Instance.RequestIdHeaders);
                var body = await PooledBody.ReadBytesAsync(response.Content, _maxResponseBytes, ProviderName, call.Token).ConfigureAwait(false);
                var parsed = JsonSerializer.Deserialize(body.AsSpan().Trim(" \t\r\n"u8), ErnieJsonContext.Default.ErnieV1Response)
                    ?? throw new ChineseLlmException(ProviderName, LlmErrorKind.Protocol, "the response body was JSON null.", (int)response.StatusCode, requestId: requestId);
                if (ErnieV1ErrorMapper.FromBody(parsed, (int)response.StatusCode, requestId) is { } error)
                {
                    if (attempt == 0 && ErnieV1ErrorMapper.IsTokenRejected(parsed.ErrorCode ?? parsed.Code ?? 0))
                    {
                        _tokens.Invalidate(token);
                        continue; // §2.5: refresh the token once and re-send
                    }

                    throw error;
                }

                ThrowIfInputRejected(parsed, requestId);
                return FromErnieResponse(parsed, model, requestId);
            }
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

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var (model, request) = ToErnieRequest(messages, options, _defaultModel, stream: true);
        using var call = new ProviderCall(ProviderName, _timeout, _timeProvider, cancellationToken);
        HttpResponseMessage? response = null;
        try
        {
            string? requestId = null;
            Stream stream;
            try
            {
                for (var attempt = 0; ; attempt++)
                {
                    var token = await _tokens.GetTokenAsync(call.Token).ConfigureAwait(false);
                    response = await SendAsync(model, request, token, call.Token).ConfigureAwait(false);
                    requestId = ResponseHeaders.GetRequestId(response, ErnieV1ErrorMapper.Instance.RequestIdHeaders);

                    // §2.8: errors come back as a plain JSON body even when a stream was asked for.
                    if (await EventStreamResponse.CheckAsync(response, ErnieV1ErrorMapper.Instance, _timeProvider, call.Token).ConfigureAwait(false) is { } error)
                    {
                        if (attempt == 0 && error.ErrorCode is "110" or "111")
                        {
                            _tokens.Invalidate(token);
                            response.Dispose();
                            response = null;
                            continue;
                        }

                        throw error;
                    }

                    stream = await response.Content.ReadAsStreamAsync(call.Token).ConfigureAwait(false);
                    break;
                }
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
                stream, ErnieJsonContext.Default.ErnieV1Response, ProviderName, _streamIdleTimeout, _timeProvider, call.Token, _maxResponseBytes);
            var enumerator = events.GetAsyncEnumerator(call.Token);
            ErnieV1Response? last = null;
            string? responseId = null;
            try
            {
                while (true)
                {
                    ChatResponseUpdate? update = null;
                    try
                    {
                        if (!await enumerator.MoveNextAsync().ConfigureAwait(false) || enumerator.Current.IsDone)
                        {
                            break;
                        }

                        var evt = enumerator.Current.Data!;
                        if (ErnieV1ErrorMapper.FromBody(evt, 200, requestId) is { } error)
                        {
                            throw error;
                        }

                        ThrowIfInputRejected(evt, requestId);
                        responseId ??= evt.Id;
                        last = evt;
                        if (!string.IsNullOrEmpty(evt.Result))
                        {
                            update = new ChatResponseUpdate(ChatRole.Assistant, evt.Result)
                            {
                                ResponseId = responseId,
                                MessageId = responseId,
                                ModelId = model,
                                CreatedAt = UnixTime.FromSeconds(evt.Created),
                                RawRepresentation = evt,
                            };
                        }
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

                    if (last?.IsEnd == true)
                    {
                        break;
                    }
                }
            }
            finally
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }

            if (last?.IsEnd != true)
            {
                var cut = new ChineseLlmException(
                    ProviderName, LlmErrorKind.Network, "the stream ended before the is_end event; the answer is incomplete.", 200, requestId: responseId ?? requestId);
                LogFailure(cut);
                throw cut;
            }

            var contents = new List<AIContent>();
            if (last.FunctionCall is { } functionCall)
            {
                if (functionCall.Thoughts is { Length: > 0 } thoughts)
                {
                    contents.Add(new TextReasoningContent(thoughts));
                }

                contents.Add(WireMapping.FromWireToolCall(responseId, functionCall.Name, functionCall.Arguments, type: null));
            }

            if (last.Usage is { } usage)
            {
                contents.Add(new UsageContent(FromErnieUsage(usage)));
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, contents)
            {
                ResponseId = responseId,
                MessageId = responseId,
                ModelId = model,
                FinishReason = FromErnieFinishReason(last),
                AdditionalProperties = new() { ["request_id"] = responseId ?? requestId },
            };
        }
        finally
        {
            response?.Dispose();
        }
    }

    /// <summary>What this protocol sends: functions and response_format json_object; no images and no reasoning switch (the v1 request has neither).</summary>
    internal static readonly ProtocolCapabilities Capabilities = new("ERNIE v1", ModelCapabilities.Tools | ModelCapabilities.Json, SendsJsonSchema: false);

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType == typeof(ProtocolCapabilities) ? Capabilities
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        _tokens.Dispose();
        if (_disposeHttpClient)
        {
            _httpClient.Dispose();
        }
    }

    /// <summary>Builds the v1 body. Static so tests can assert the exact JSON.</summary>
    internal static (string Model, ErnieV1Request Request) ToErnieRequest(IEnumerable<ChatMessage> messages, ChatOptions? options, string defaultModel, bool stream)
    {
        var model = string.IsNullOrWhiteSpace(options?.ModelId) ? defaultModel : options.ModelId;
        StringBuilder? system = string.IsNullOrWhiteSpace(options?.Instructions) ? null : new StringBuilder(options.Instructions);
        var wire = new List<ErnieV1Message>();
        Dictionary<string, string>? callNames = null;
        foreach (var message in messages)
        {
            ArgumentNullException.ThrowIfNull(message, nameof(messages));
            if (message.Role == ChatRole.System || string.Equals(message.Role.Value, "developer", StringComparison.OrdinalIgnoreCase))
            {
                // §2.6: no system role in v1; the persona is a top-level field.
                system = system is null ? new StringBuilder(message.Text) : system.Append('\n').Append(message.Text);
                continue;
            }

            ErnieV1FunctionCall? functionCall = null;
            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case FunctionCallContent call:
                        (callNames ??= new(StringComparer.Ordinal))[call.CallId] = call.Name;
                        functionCall = new ErnieV1FunctionCall
                        {
                            Name = call.Name,
                            Arguments = JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>(), CompactAIJsonOptions.GetTypeInfo(typeof(IDictionary<string, object?>))),
                        };
                        break;
                    case FunctionResultContent result:
                        wire.Add(new ErnieV1Message
                        {
                            Role = "function",
                            Name = callNames?.GetValueOrDefault(result.CallId) ?? result.CallId,
                            Content = result.Result switch
                            {
                                null => string.Empty,
                                string s => s,
                                JsonElement e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText(),
                                var other => JsonSerializer.Serialize(other, CompactAIJsonOptions.GetTypeInfo(other.GetType())),
                            },
                        });
                        break;
                    case TextContent or TextReasoningContent or UsageContent:
                        break;
                    default:
                        throw new ChineseLlmException(
                            ProviderName, LlmErrorKind.InvalidRequest, $"{content.GetType().Name} is not supported by ERNIE's legacy v1 protocol; use Qianfan v2 (ApiKey only).");
                }
            }

            var hasText = message.Contents.Any(c => c is TextContent);
            if (message.Role == ChatRole.Tool || (!hasText && functionCall is null))
            {
                continue;
            }

            // §2.6: turns alternate user (or function) / assistant, so an assistant's text and its call are one message,
            // and consecutive turns of one role are joined (336006 "the length of messages must be an odd number").
            var role = message.Role == ChatRole.Assistant ? "assistant" : "user";
            if (functionCall is null && wire.Count > 0 && wire[^1] is { FunctionCall: null } previous && previous.Role == role)
            {
                previous.Content += "\n" + message.Text;
                continue;
            }

            wire.Add(new ErnieV1Message { Role = role, Content = hasText ? message.Text : string.Empty, FunctionCall = functionCall });
        }

        var request = new ErnieV1Request { Messages = wire, System = system?.ToString(), Stream = stream ? true : null };
        if (options is not null)
        {
            // §2.6: temperature must be in (0, 1]; 0 ("as deterministic as possible") is sent as the smallest accepted step.
            request.Temperature = options.Temperature is { } t ? Math.Clamp(t, 0.01f, 1f) : null;
            request.TopP = options.TopP;
            request.MaxOutputTokens = options.MaxOutputTokens;
            request.Stop = options.StopSequences is { Count: > 0 } stop ? [.. stop] : null;
            request.ResponseFormat = options.ResponseFormat is ChatResponseFormatJson ? "json_object" : null;
            // Documented v1 fields without a ChatOptions counterpart, through AdditionalProperties.
            if (options.AdditionalProperties?.TryGetValue("penalty_score", out var penalty) == true && ToSingle(penalty) is { } score)
            {
                request.PenaltyScore = score;
            }

            if (options.AdditionalProperties?.TryGetValue("user_id", out var user) == true && user is string userId)
            {
                request.UserId = userId;
            }

            // ToolMode None: no functions at all (v1 has no "none" choice).
            request.Functions = options.ToolMode is NoneChatToolMode ? null : options.Tools?.OfType<AIFunctionDeclaration>()
                .Select(f => new ErnieV1Function { Name = f.Name, Description = f.Description ?? f.Name, Parameters = f.JsonSchema })
                .ToList() is { Count: > 0 } functions ? functions : null;
        }

        return (model, request);
    }

    private static JsonSerializerOptions CreateCompactAIJsonOptions()
    {
        var options = new JsonSerializerOptions(AIJsonUtilities.DefaultOptions) { WriteIndented = false };
        options.MakeReadOnly();
        return options;
    }

    private static float? ToSingle(object? value) => value switch
    {
        float f => f,
        double d => (float)d,
        decimal m => (float)m,
        int i => i,
        long l => l,
        JsonElement { ValueKind: JsonValueKind.Number } e => e.GetSingle(),
        _ => null,
    };

    internal static ChatResponse FromErnieResponse(ErnieV1Response response, string requestedModel, string? requestId)
    {
        var message = new ChatMessage(ChatRole.Assistant, []) { MessageId = response.Id, RawRepresentation = response };
        if (response.FunctionCall?.Thoughts is { Length: > 0 } thoughts)
        {
            message.Contents.Add(new TextReasoningContent(thoughts)); // the model's reasoning for the call
        }

        if (!string.IsNullOrEmpty(response.Result))
        {
            message.Contents.Add(new TextContent(response.Result));
        }

        if (response.FunctionCall is { } call)
        {
            message.Contents.Add(WireMapping.FromWireToolCall(response.Id, call.Name, call.Arguments, type: null));
        }

        return new ChatResponse(message)
        {
            ResponseId = response.Id,
            ModelId = requestedModel, // v1 responses do not name the model
            CreatedAt = UnixTime.FromSeconds(response.Created),
            FinishReason = FromErnieFinishReason(response),
            Usage = response.Usage is { } usage ? FromErnieUsage(usage) : null,
            RawRepresentation = response,
            AdditionalProperties = new() { ["request_id"] = response.Id ?? requestId },
        };
    }

    private static ChatFinishReason? FromErnieFinishReason(ErnieV1Response response) =>
        response.FunctionCall is not null ? ChatFinishReason.ToolCalls
        : response.FinishReason is null or "normal" or "stop" ? ChatFinishReason.Stop
        : WireMapping.FromWireFinishReason(response.FinishReason == "function_call" ? "tool_calls" : response.FinishReason);

    private static UsageDetails FromErnieUsage(ErnieV1Usage usage) => new()
    {
        InputTokenCount = TokenCount.Sane(usage.PromptTokens),
        OutputTokenCount = TokenCount.Sane(usage.CompletionTokens),
        TotalTokenCount = TokenCount.Sane(usage.TotalTokens),
    };

    /// <summary>§2.8: an unsafe input is reported in a successful body (<c>need_clear_history</c>); surface it like v2's 403.</summary>
    private static void ThrowIfInputRejected(ErnieV1Response response, string? requestId)
    {
        if (response.NeedClearHistory == true)
        {
            throw new ChineseLlmException(
                ProviderName,
                LlmErrorKind.ContentFiltered,
                $"the input was rejected by content safety (ban_round {response.BanRound?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}); clear the conversation history.",
                200,
                response.FinishReason,
                response.Id ?? requestId);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string model, ErnieV1Request request, string token, CancellationToken cancellationToken)
    {
        var suffix = EndpointSuffixes.GetValueOrDefault(model) ?? model.ToLowerInvariant();
        var uri = new Uri(
            ProviderEndpoint.Combine(_baseUri, "rpc/2.0/ai_custom/v1/wenxinworkshop/chat/" + Uri.EscapeDataString(suffix)) +
            "?access_token=" + Uri.EscapeDataString(token));
        using var httpRequest = new HttpRequestMessage(HttpMethod.Post, uri);
        var content = new ByteArrayContent(WireJson.SerializeToUtf8Bytes(request, ErnieJsonContext.Default.ErnieV1Request));
        content.Headers.ContentType = JsonContentType;
        httpRequest.Content = content;
        Log.CallStarting(_logger, ProviderName, model, request.Stream == true);
        var response = await _httpClient.SendAsync(httpRequest, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                var error = await ErrorBodyReader.ReadAsync(response, ErnieV1ErrorMapper.Instance, _timeProvider, cancellationToken).ConfigureAwait(false);
                throw ErnieV1ErrorMapper.Instance.MapError(error);
            }
        }

        return response;
    }

    private void LogFailure(ChineseLlmException ex) => Log.CallFailed(_logger, ex.Provider, ex.Kind, ex.StatusCode, ex.ErrorCode, ex.RequestId);
}
