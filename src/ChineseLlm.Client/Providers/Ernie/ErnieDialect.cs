using ChineseLlm.Client.OpenAiCompatible.Wire;

namespace ChineseLlm.Client.Providers.Ernie;

/// <summary>Qianfan v2's OpenAI dialect (facts: docs/protocols/ernie.md).</summary>
internal sealed class ErnieDialect() : OpenAiCompatibleDialect(
    "ernie", new("https://qianfan.baidubce.com/v2"), ErnieDefaults.Model,
    requestIdHeaders: ["X-Baidu-Request-Id"],
    passThroughFields:
    [
        "enable_thinking", "thinking_budget", "thinking_strategy", "reasoning_effort", "penalty_score",
        "repetition_penalty", "web_search", "metadata", "user", "parallel_tool_calls",
    ])
{
    public static readonly ErnieDialect Instance = new();

    /// <inheritdoc />
    public override bool SendsReasoningSwitch => true;

    /// <summary>docs/protocols/ernie.md: <c>enable_thinking</c> (default false) and <c>reasoning_effort</c> low/medium/high.</summary>
    public override void ApplyVendorRules(ChatCompletionRequest request, ChatOptions? options)
    {
        // docs/protocols/ernie.md: parallel_tool_calls defaults to true on Qianfan; send it only when the caller chose.
        if (options?.AllowMultipleToolCalls is { } parallel && request.Tools is not null)
        {
            request.ParallelToolCalls = parallel;
        }

        if (options?.Reasoning?.Effort is not { } effort)
        {
            return;
        }

        var thinking = effort != ReasoningEffort.None;
        (request.AdditionalFields ??= new(StringComparer.Ordinal))["enable_thinking"] = WireMapping.ToJsonElement(thinking);
        request.ReasoningEffort = effort switch
        {
            ReasoningEffort.Low => "low",
            ReasoningEffort.Medium => "medium",
            ReasoningEffort.High or ReasoningEffort.ExtraHigh => "high",
            _ => null,
        };
    }

    /// <summary>docs/protocols/ernie.md: the code is the vendor's own; <c>type</c> is coarse.</summary>
    protected override string? GetErrorCode(WireError error) => error.CodeText ?? error.Type;

    /// <summary>docs/protocols/ernie.md: classify by code; a 401 <c>invalid_model</c> is a model the key cannot use, not a bad key.</summary>
    protected override LlmErrorKind Classify(int? statusCode, WireError error) => error.CodeText switch
    {
        "characters_too_long" or "tokens_too_long" => LlmErrorKind.ContextLengthExceeded,
        "invalid_model" when statusCode == 401 => LlmErrorKind.ModelNotFound,
        "model_offline" => LlmErrorKind.ModelNotFound,
        "invalid_iam_token" => LlmErrorKind.Authentication,
        "invalid_appid" or "no_parameter_permission" => LlmErrorKind.PermissionDenied,
        "account_overdue" => LlmErrorKind.QuotaExceeded,
        "internal_error" or "dispatch_internal_error" => LlmErrorKind.ServerError,
        "malformed_json" or "invalid_model" or "invalid_messages" or "invalid_argument" or "invalid_plugin_argument" or "method_not_supported"
            => LlmErrorKind.InvalidRequest,
        { } code when code.Contains("rate_limit", StringComparison.OrdinalIgnoreCase) || code == "Offline_batch_reasoning_refused"
            => LlmErrorKind.RateLimited,
        _ => error.Type switch
        {
            "unsafe_request" => LlmErrorKind.ContentFiltered,
            "rate_limit_exceeded" => LlmErrorKind.RateLimited,
            "Internal_error" => LlmErrorKind.ServerError,
            _ => base.Classify(statusCode, error),
        },
    };
}
