using System.Text;
using ChineseLlm.Client.Providers.Ernie.Wire;

namespace ChineseLlm.Client.Providers.Ernie;

/// <summary>
/// The legacy Qianfan v1 (wenxinworkshop) protocol (facts: docs/protocols/ernie.md, "v1"): OAuth token in
/// the query string (<see cref="ErnieV1Authenticator"/>), <c>system</c> as a top-level field, <c>result</c>/<c>is_end</c>
/// streaming without <c>[DONE]</c>, errors as HTTP 200 bodies with <c>error_code</c> (also for stream requests). The
/// <see cref="ProviderChatClient{TRequest, TEvent, TState}"/> driver sends, reads and re-sends once on codes 110/111.
/// </summary>
internal sealed class ErnieV1Protocol : ChatProtocol<ErnieV1Request, ErnieV1Response, ErnieV1Protocol.StreamState>
{
    private const string ProviderKey = "ernie";

    /// <summary>Model id → the v1 endpoint suffix (docs/protocols/ernie.md, "v1"). Unknown ids are sent as-is, lower-cased.</summary>
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

    private static readonly Uri DefaultEndpoint = new("https://aip.baidubce.com");

    private readonly Uri _baseUri;

    private ErnieV1Protocol(Uri baseUri) => _baseUri = baseUri;

    /// <inheritdoc />
    public override string ProviderName => ProviderKey;

    /// <summary>What this protocol sends: functions and response_format json_object; no images and no reasoning switch (the v1 request has neither).</summary>
    internal static readonly ProtocolCapabilities Capabilities = new("ERNIE v1", ModelCapabilities.Tools | ModelCapabilities.Json, SendsJsonSchema: false);

    /// <inheritdoc />
    public override object? GetService(Type serviceType)
        => serviceType == typeof(ProtocolCapabilities) ? Capabilities : base.GetService(serviceType);

    /// <inheritdoc />
    public override IReadOnlyList<string> RequestIdHeaders => ErnieV1ErrorMapper.Instance.RequestIdHeaders;

    /// <summary>Builds the v1 client: the token provider shares the client's HttpClient (built resilient when none is given).</summary>
    public static IChatClient CreateClient(ErnieOptions options, ProviderServices services)
    {
        var settings = ProviderClientSettings.From(options, DefaultEndpoint, ErnieDefaults.Model);
        return ProviderChatClientFactory.Create(
            new ErnieV1Protocol(settings.Endpoint),
            settings,
            options,
            ErnieV1ErrorMapper.Instance, // the pipeline reads v1's errors inside HTTP 200 through the in-body mapper, so that transient codes are retried
            client => new ErnieV1Authenticator(new ErnieAccessTokenProvider(
                client, options.TokenEndpoint ?? settings.Endpoint, options.ApiKey!, options.SecretKey!, services.TimeProvider, options.Timeout)),
            services);
    }

    /// <inheritdoc />
    public override ChineseLlmException MapError(ProviderErrorResponse response) => ErnieV1ErrorMapper.Instance.MapError(response);

    /// <inheritdoc />
    public override ErnieV1Request BuildRequest(string defaultModel, IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream, ILogger logger)
    {
        var (model, request) = ToErnieRequest(messages, options, defaultModel, stream);
        request.Model = model;
        return request;
    }

    /// <inheritdoc />
    public override string GetModel(ErnieV1Request request) => request.Model;

    /// <inheritdoc />
    public override HttpRequestMessage CreateHttpRequest(ErnieV1Request request, bool stream)
    {
        var suffix = EndpointSuffixes.GetValueOrDefault(request.Model) ?? request.Model.ToLowerInvariant();
        var uri = ProviderEndpoint.Combine(_baseUri, "rpc/2.0/ai_custom/v1/wenxinworkshop/chat/" + Uri.EscapeDataString(suffix));
        var httpRequest = new HttpRequestMessage(HttpMethod.Post, uri);
        httpRequest.Content = WireJson.CreateContent(request, ErnieJsonContext.Default.ErnieV1Request);
        return httpRequest;
    }

    /// <inheritdoc />
    public override ChatResponse ReadResponse(ReadOnlySpan<byte> json, ErnieV1Request request, int statusCode, string? requestId)
    {
        var parsed = JsonSerializer.Deserialize(json, ErnieJsonContext.Default.ErnieV1Response)
            ?? throw new ChineseLlmException(ProviderKey, LlmErrorKind.Protocol, "the response body was JSON null.", statusCode, requestId: requestId);
        if (ErnieV1ErrorMapper.FromBody(parsed, statusCode, requestId) is { } error)
        {
            throw error; // codes 110/111: the authenticator drops the token and the driver re-sends once (docs/protocols/ernie.md, "v1")
        }

        ThrowIfInputRejected(parsed, requestId);
        return FromErnieResponse(parsed, request.Model, requestId);
    }

    /// <inheritdoc />
    public override ErnieV1Response? ParseEvent(ReadOnlySpan<byte> data) => JsonSerializer.Deserialize(data, ErnieJsonContext.Default.ErnieV1Response);

    /// <inheritdoc />
    public override StreamState CreateStreamState(ErnieV1Request request, string? requestId) => new(request.Model, requestId);

    /// <inheritdoc />
    public override ChatResponseUpdate? ReadStreamEvent(string eventType, ErnieV1Response data, StreamState state)
    {
        if (ErnieV1ErrorMapper.FromBody(data, 200, state.RequestId) is { } error)
        {
            throw error;
        }

        ThrowIfInputRejected(data, state.RequestId);
        state.ResponseId ??= data.Id;
        state.Last = data;
        return string.IsNullOrEmpty(data.Result) ? null : new ChatResponseUpdate(ChatRole.Assistant, data.Result)
        {
            ResponseId = state.ResponseId,
            MessageId = state.ResponseId,
            ModelId = state.Model,
            CreatedAt = UnixTime.FromSeconds(data.Created),
            RawRepresentation = data,
        };
    }

    /// <inheritdoc />
    public override bool IsStreamComplete(StreamState state) => state.Last?.IsEnd == true;

    /// <inheritdoc />
    public override ChatResponseUpdate CompleteStream(StreamState state)
    {
        if (state.Last is not { IsEnd: true } last)
        {
            throw WireMapping.IncompleteStream(ProviderKey, "the is_end event", state.ResponseId ?? state.RequestId);
        }

        var contents = new List<AIContent>();
        if (last.FunctionCall is { } functionCall)
        {
            if (functionCall.Thoughts is { Length: > 0 } thoughts)
            {
                contents.Add(new TextReasoningContent(thoughts));
            }

            contents.Add(WireMapping.FromWireToolCall(state.ResponseId, functionCall.Name, functionCall.Arguments, type: null));
        }

        return WireMapping.FinalUpdate(
            contents,
            last.Usage is { } usage ? FromErnieUsage(usage) : null,
            state.ResponseId, state.Model, createdAt: null, FromErnieFinishReason(last), state.ResponseId ?? state.RequestId);
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
                // docs/protocols/ernie.md, "v1": no system role in v1; the persona is a top-level field.
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
                            Arguments = WireMapping.SerializeArguments(call.Arguments),
                        };
                        break;
                    case FunctionResultContent result:
                        wire.Add(new ErnieV1Message
                        {
                            Role = "function",
                            Name = callNames?.GetValueOrDefault(result.CallId) ?? result.CallId,
                            Content = WireMapping.SerializeResult(result.Result),
                        });
                        break;
                    case TextContent or TextReasoningContent or UsageContent:
                        break;
                    default:
                        throw new ChineseLlmException(
                            ProviderKey, LlmErrorKind.InvalidRequest, $"{content.GetType().Name} is not supported by ERNIE's legacy v1 protocol; use Qianfan v2 (ApiKey only).");
                }
            }

            var hasText = message.Contents.Any(c => c is TextContent);
            if (message.Role == ChatRole.Tool || (!hasText && functionCall is null))
            {
                continue;
            }

            // docs/protocols/ernie.md, "v1": turns alternate user (or function) / assistant, so an assistant's text and its call are one message,
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
            // docs/protocols/ernie.md, "v1": temperature must be in (0, 1]; 0 ("as deterministic as possible") is sent as the smallest accepted step.
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
        TotalTokenCount = TokenCount.Total(usage.TotalTokens, usage.PromptTokens, usage.CompletionTokens),
    };

    /// <summary>docs/protocols/ernie.md, "v1": an unsafe input is reported in a successful body (<c>need_clear_history</c>); surface it like v2's 403.</summary>
    private static void ThrowIfInputRejected(ErnieV1Response response, string? requestId)
    {
        if (response.NeedClearHistory == true)
        {
            throw new ChineseLlmException(
                ProviderKey,
                LlmErrorKind.ContentFiltered,
                $"the input was rejected by content safety (ban_round {response.BanRound?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}); clear the conversation history.",
                200,
                response.FinishReason,
                response.Id ?? requestId);
        }
    }

    /// <summary>What a v1 stream has read so far.</summary>
    internal sealed class StreamState(string model, string? requestId)
    {
        public string Model { get; } = model;

        /// <summary>Gets the request id from the response headers.</summary>
        public string? RequestId { get; } = requestId;

        /// <summary>Gets or sets the first event's <c>id</c>.</summary>
        public string? ResponseId { get; set; }

        /// <summary>Gets or sets the last event read (its <c>is_end</c>, usage and function call end the answer).</summary>
        public ErnieV1Response? Last { get; set; }
    }
}
