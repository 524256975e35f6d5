using System.Text;
using ChineseLlm.Client.OpenAiCompatible.Wire;

namespace ChineseLlm.Client.Providers.MiniMax;

/// <summary>
/// MiniMax's OpenAI-compatible dialect (facts: docs/protocols/minimax.md): errors inside HTTP 200 as
/// <c>base_resp</c>, reasoning as <c>reasoning_details</c> (with <c>reasoning_split</c>), <c>reasoning_content</c>
/// (native route) or <c>&lt;think&gt;</c> tags inside the content, and a stream that may end with the whole message again.
/// </summary>
internal sealed class MiniMaxDialect() : OpenAiCompatibleDialect(
    "minimax", new("https://api.minimaxi.com/v1"), "MiniMax-M2.7",
    requestIdHeaders: ["Trace-Id", "minimax-request-id"],
    passThroughFields: ["mask_sensitive_info", "reasoning_split", "thinking"],
    // The vendor's official or recommended client is openai-python (docs/protocols/minimax.md): its retry rules apply.
    followsOpenAiSdkRetryRules: true)
{
    public static readonly MiniMaxDialect Instance = new();

    private static readonly JsonElement True = JsonDocument.Parse("true").RootElement.Clone();

    /// <inheritdoc />
    public override bool SendsReasoningSwitch => true;

    /// <summary><c>max_tokens</c> is deprecated in favour of <c>max_completion_tokens</c>.</summary>
    public override bool UsesMaxCompletionTokens => true;

    public override void ApplyVendorRules(ChatCompletionRequest request, ChatOptions? options)
    {
        // tool_choice takes only "none" and "auto" (docs/protocols/minimax.md, "Request"); "required" or a named
        // function is refused by the API with 2013. Dropping or loosening it would change what the caller asked for.
        if (request.ToolChoice is { } choice && choice != WireToolChoice.None && choice != WireToolChoice.Auto)
        {
            throw new ChineseLlmException(
                ProviderName,
                LlmErrorKind.InvalidRequest,
                "MiniMax accepts only tool_choice \"none\" or \"auto\": ChatToolMode.RequireAny and RequireSpecific cannot be sent (use ChatToolMode.Auto).");
        }

        // Ask for reasoning apart from the answer (reasoning_details) instead of <think> tags inside the content.
        request.AdditionalFields ??= [];
        request.AdditionalFields.TryAdd("reasoning_split", True);

        // M3 thinks adaptively and can be switched off; M2.x always thinks (the switch is ignored there).
        if (options?.Reasoning?.Effort == ReasoningEffort.None)
        {
            request.Thinking = new WireThinking { Type = "disabled" };
        }
    }

    public override ChineseLlmException? InspectResponse(ChatCompletionResponse response, int statusCode, string? requestId)
    {
        if (GetBusinessError(response.ExtraFields) is { } error)
        {
            return MapError(statusCode, error, requestId ?? response.Id, retryAfter: null);
        }

        if (response.Choices is { } choices)
        {
            foreach (var choice in choices)
            {
                if (choice?.Message is { } message)
                {
                    NormalizeMessage(message, splitter: null);
                }
            }
        }

        return null;
    }

    public override ChineseLlmException? InspectChunk(ChatCompletionChunk chunk, OpenAiCompatibleProtocol.StreamState state)
    {
        if (GetBusinessError(chunk.ExtraFields) is { } error)
        {
            return MapError(200, error, state.RequestId ?? chunk.Id, retryAfter: null);
        }

        // The native route ends with a `chat.completion` frame whose choices hold the whole `message` again; only its
        // usage and finish_reason count (the engine reads `delta`, never `message`, from a chunk).
        if (chunk.Choices is { Count: > 0 } choices && choices[0]?.Delta is { } delta)
        {
            var splitter = state.DialectState as ThinkTagSplitter ?? new ThinkTagSplitter();
            state.DialectState = splitter;
            NormalizeMessage(delta, splitter);
            if (!string.IsNullOrEmpty(choices[0]!.FinishReason))
            {
                var (reasoning, answer) = splitter.Flush();
                delta.ReasoningContent = Concat(delta.ReasoningContent, reasoning);
                delta.Content = Concat(delta.Content, answer);
            }
        }

        return null;
    }

    /// <summary>A non-OpenAI error body (<c>base_resp</c> with an HTTP error status) reads like one inside HTTP 200.</summary>
    protected override WireError? ReadError(ErrorEnvelope envelope) => envelope.Error ?? GetBusinessError(envelope.ExtraFields);

    /// <summary><c>base_resp.status_code</c> decides (doc error-code list and published captures).</summary>
    protected override LlmErrorKind Classify(int? statusCode, WireError error) => error.CodeText switch
    {
        "1001" => LlmErrorKind.Timeout,
        "1002" or "1041" or "2045" or "2062" => LlmErrorKind.RateLimited,
        "1004" or "2049" => LlmErrorKind.Authentication,
        "1008" or "2056" => LlmErrorKind.QuotaExceeded,
        "1026" or "1027" => LlmErrorKind.ContentFiltered,
        "1039" => LlmErrorKind.ContextLengthExceeded,
        "1042" or "2013" => LlmErrorKind.InvalidRequest,
        "2061" => LlmErrorKind.PermissionDenied,
        "1000" or "1013" or "1024" or "1033" => LlmErrorKind.ServerError,
        _ => base.Classify(statusCode is 200 ? null : statusCode, error),
    };

    private static WireError? GetBusinessError(Dictionary<string, JsonElement>? fields)
    {
        if (fields is null || !fields.TryGetValue("base_resp", out var baseResp) || baseResp.ValueKind != JsonValueKind.Object ||
            !baseResp.TryGetProperty("status_code", out var code) || (code.ValueKind == JsonValueKind.Number && code.TryGetInt64(out var n) && n == 0))
        {
            return null;
        }

        var message = baseResp.TryGetProperty("status_msg", out var msg) && msg.ValueKind == JsonValueKind.String ? msg.GetString() : null;
        return new WireError { Code = code.Clone(), Message = message };
    }

    /// <summary>Moves reasoning into <c>reasoning_content</c>, from <c>reasoning_details</c> or from <c>&lt;think&gt;</c> tags.</summary>
    private static void NormalizeMessage(WireResponseMessage message, ThinkTagSplitter? splitter)
    {
        if (message.ExtraFields is { } extra && extra.TryGetValue("reasoning_details", out var details) && details.ValueKind == JsonValueKind.Array)
        {
            var text = new StringBuilder();
            foreach (var detail in details.EnumerateArray())
            {
                if (detail.ValueKind == JsonValueKind.Object && detail.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String)
                {
                    text.Append(t.GetString());
                }
            }

            message.ReasoningContent = Concat(message.ReasoningContent, text.ToString());
        }

        if (message.Content is { Length: > 0 } content)
        {
            var own = splitter ?? new ThinkTagSplitter();
            var (reasoning, answer) = own.Push(content);
            if (splitter is null)
            {
                var (restReasoning, restAnswer) = own.Flush();
                reasoning += restReasoning;
                answer += restAnswer;
            }

            message.ReasoningContent = Concat(message.ReasoningContent, reasoning);
            message.Content = answer;
        }
    }

    private static string? Concat(string? first, string second) =>
        string.IsNullOrEmpty(second) ? first : string.IsNullOrEmpty(first) ? second : first + second;
}
