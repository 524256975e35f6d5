using System.Net;
using ChineseLlm.Client.OpenAiCompatible.Wire;

namespace ChineseLlm.Client.Providers.DeepSeek;

/// <summary>DeepSeek's dialect (facts: docs/protocols/deepseek.md; § numbers below are its sections).</summary>
internal sealed class DeepSeekDialect() : OpenAiCompatibleDialect(
    "deepseek", new("https://api.deepseek.com"), "deepseek-flash",
    requestIdHeaders: ["x-ds-trace-id"],
    passThroughFields: ["user_id", "logprobs", "top_logprobs", "thinking", "reasoning_effort"],
    messagePassThroughFields: ["prefix"],
    // The vendor's official or recommended client is openai-python (docs/protocols/deepseek.md): its retry rules apply.
    followsOpenAiSdkRetryRules: true)
{
    public static readonly DeepSeekDialect Instance = new();

    /// <inheritdoc />
    public override bool SendsReasoningSwitch => true;

    /// <summary>Quirk (docs/protocols/deepseek.md §2.4): only json_object exists; a schema is sent as JSON mode.</summary>
    public override bool SendsJsonSchema => false;

    /// <summary>Quirk (§2.4): array content is rejected (400/422); only string content, so no images.</summary>
    public override bool SupportsContentParts => false;

    public override void ApplyVendorRules(ChatCompletionRequest request, ChatOptions? options)
    {
        // Reasoning → the V4 thinking switch and effort (§2.4: low / high / max).
        if (options?.Reasoning?.Effort is { } effort)
        {
            request.Thinking = new WireThinking { Type = effort == ReasoningEffort.None ? "disabled" : "enabled" };
            request.ReasoningEffort = effort switch
            {
                ReasoningEffort.Low => "low",
                ReasoningEffort.Medium or ReasoningEffort.High => "high",
                ReasoningEffort.ExtraHigh => "max",
                _ => null,
            };
        }

        // docs/protocols/deepseek.md §2.4 (JSON Output rule): json_schema gives 400/422; only json_object exists, and json_object is
        // refused unless the system or user prompt contains the word "json" (the docs also ask for an example of the
        // shape). A schema the API cannot take travels as an instruction naming JSON; a bare json_object request gets
        // the instruction only when no system or user message already says "json".
        if (request.ResponseFormat is { Type: "json_schema" } schemaFormat)
        {
            request.ResponseFormat = new WireResponseFormat { Type = "json_object" };
            AddJsonInstruction(request, schemaFormat.JsonSchema);
        }
        else if (request.ResponseFormat is { Type: "json_object" } && !PromptMentionsJson(request.Messages))
        {
            AddJsonInstruction(request, schema: null);
        }

        // Quirk (§2.5, V4+): when the request has tools, every earlier assistant message must carry its
        // reasoning_content (an empty one as ""), or the API answers 400.
        if (request.Tools is not null)
        {
            foreach (var message in request.Messages)
            {
                if (message.Role == "assistant")
                {
                    message.ReasoningContent ??= string.Empty;
                }
            }
        }
    }

    /// <summary>
    /// Adds the JSON instruction as a system line: appended to the leading system message when there is one (DeepSeek's
    /// own example puts it there), otherwise as a new first message.
    /// </summary>
    private static void AddJsonInstruction(ChatCompletionRequest request, WireJsonSchema? schema)
    {
        var instruction = schema?.Schema is { } body
            ? $"Reply with JSON only: one JSON value that conforms to this JSON schema{(schema.Description is { Length: > 0 } d ? $" ({d})" : string.Empty)}:\n{body.GetRawText()}"
            : "Reply with JSON only: one valid JSON object.";

        if (request.Messages is [{ Role: "system", Content.Text: { } system } first, ..])
        {
            first.Content = new WireContent(string.IsNullOrWhiteSpace(system) ? instruction : system + "\n\n" + instruction);
        }
        else
        {
            request.Messages.Insert(0, new WireMessage { Role = "system", Content = new WireContent(instruction) });
        }
    }

    private static bool PromptMentionsJson(List<WireMessage> messages)
    {
        foreach (var message in messages)
        {
            if (message.Role is "system" or "user" && message.Content?.Text?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Prefer the documented hit count over the OpenAI-style detail (§2.6).</summary>
    public override int? GetCachedInputTokens(WireUsage usage) => usage.PromptCacheHitTokens ?? usage.PromptTokensDetails?.CachedTokens;

    /// <summary>§2.6: <c>insufficient_system_resource</c> means inference was cut short; the output is incomplete. Retryable.</summary>
    public override ChineseLlmException? CheckFinishReason(string finishReason, string? requestId) =>
        finishReason == "insufficient_system_resource"
            ? new ChineseLlmException(
                ProviderName, LlmErrorKind.ServerError, "inference was interrupted (insufficient_system_resource); the output is incomplete.", 200, finishReason, requestId)
            : null;

    /// <summary>DeepSeek's <c>code</c> is often <c>invalid_request_error</c> for everything; <c>type</c> tells errors apart.</summary>
    protected override string? GetErrorCode(WireError error) => error.Type ?? error.CodeText;

    /// <summary>§2.9: classify by HTTP status (402 = balance); 400 "Model Not Exist" is a missing model.</summary>
    protected override LlmErrorKind Classify(int? statusCode, WireError error)
    {
        if (error.Message?.Contains("Model Not Exist", StringComparison.OrdinalIgnoreCase) == true)
        {
            return LlmErrorKind.ModelNotFound;
        }

        // Quirk: moderation rejects with 400 invalid_request_error "Content Exists Risk" (not in the official code table,
        // but seen in many clients' captures); only the message tells it from a malformed request.
        if (error.Message?.Contains("Content Exists Risk", StringComparison.OrdinalIgnoreCase) == true)
        {
            return LlmErrorKind.ContentFiltered;
        }

        if (statusCode is (int)HttpStatusCode.BadRequest or (int)HttpStatusCode.UnprocessableEntity && LooksLikeContextLength(error.Message))
        {
            return LlmErrorKind.ContextLengthExceeded;
        }

        return error.Type switch
        {
            "authentication_error" => LlmErrorKind.Authentication,
            "rate_limit_error" => LlmErrorKind.RateLimited,
            _ => base.Classify(statusCode, error),
        };
    }
}
