using ChineseLlm.Client.OpenAiCompatible.Wire;

namespace ChineseLlm.Client.Providers.Glm;

/// <summary>Zhipu GLM's dialect (facts: docs/protocols/glm.md).</summary>
internal sealed class GlmDialect() : OpenAiCompatibleDialect(
    "glm", new("https://open.bigmodel.cn/api/paas/v4"), "glm-5.1",
    // Assumed: no request-id header is documented; the body's `request_id` (= `id`) is the documented one.
    requestIdHeaders: ["X-Request-Id"],
    passThroughFields: ["thinking", "do_sample", "request_id", "user_id", "tool_stream"],
    // The official SDK today (z-ai-sdk-python, docs/protocols/glm.md "Retries") retries with openai-python's rules
    // (`x-should-retry`, 408, 409, 429, 5xx); the older zhipuai v4 SDK did not retry at all.
    followsOpenAiSdkRetryRules: true)
{
    public static readonly GlmDialect Instance = new();

    /// <inheritdoc />
    public override bool SendsReasoningSwitch => true;

    public override void ApplyVendorRules(ChatCompletionRequest request, ChatOptions? options)
    {
        // GLM-4.5+: {"thinking":{"type":"enabled"|"disabled"}}; there is no effort level.
        if (options?.Reasoning?.Effort is { } effort)
        {
            request.Thinking = new WireThinking { Type = effort == ReasoningEffort.None ? "disabled" : "enabled" };
        }

        // Interleaved thinking (GLM-4.5+): an assistant tool-call turn is sent back with its reasoning_content,
        // which the engine already copies from TextReasoningContent; nothing else to add.
    }

    /// <summary>
    /// docs/protocols/glm.md, "Finish reasons": <c>model_context_window_exceeded</c> ends an answer the context window cut
    /// short. The text is usable but incomplete, as with <c>length</c>, so it is reported as <c>length</c>.
    /// </summary>
    public override ChineseLlmException? InspectResponse(ChatCompletionResponse response, int statusCode, string? requestId)
    {
        if (response.Choices is { } choices)
        {
            foreach (var choice in choices)
            {
                if (choice is not null)
                {
                    choice.FinishReason = NormalizeFinishReason(choice.FinishReason);
                }
            }
        }

        return null;
    }

    /// <inheritdoc cref="InspectResponse"/>
    public override ChineseLlmException? InspectChunk(ChatCompletionChunk chunk, OpenAiCompatibleProtocol.StreamState state)
    {
        if (chunk.Choices is { } choices)
        {
            foreach (var choice in choices)
            {
                if (choice is not null)
                {
                    choice.FinishReason = NormalizeFinishReason(choice.FinishReason);
                }
            }
        }

        return null;
    }

    /// <summary><c>network_error</c> means the server's inference failed mid-answer: the output is incomplete. Retryable.</summary>
    public override ChineseLlmException? CheckFinishReason(string finishReason, string? requestId) =>
        finishReason == "network_error"
            ? new ChineseLlmException(
                ProviderName, LlmErrorKind.ServerError, "inference failed on the provider (network_error); the output is incomplete.", 200, finishReason, requestId)
            : null;

    /// <summary>GLM's <c>code</c> is a string business code (<c>"1113"</c>); it decides the kind, not the HTTP status.</summary>
    protected override LlmErrorKind Classify(int? statusCode, WireError error) => error.CodeText switch
    {
        "1000" or "1001" or "1002" or "1003" or "1004" => LlmErrorKind.Authentication,
        "1110" or "1111" or "1112" or "1120" or "1121" or "1220" or "1311" => LlmErrorKind.PermissionDenied,
        "1113" or "1304" or "1308" or "1309" or "1310" => LlmErrorKind.QuotaExceeded,
        "1211" => LlmErrorKind.ModelNotFound,
        "1261" => LlmErrorKind.ContextLengthExceeded,
        "1300" or "1301" => LlmErrorKind.ContentFiltered,
        "1302" or "1303" or "1305" or "1312" or "1313" => LlmErrorKind.RateLimited,
        "1200" or "1210" or "1212" or "1213" or "1214" or "1215" or "1221" or "1222" or "1230" or "1231" => LlmErrorKind.InvalidRequest,
        "500" or "1234" => LlmErrorKind.ServerError,
        _ => base.Classify(statusCode, error),
    };

    private static string? NormalizeFinishReason(string? reason) => reason == "model_context_window_exceeded" ? "length" : reason;
}
