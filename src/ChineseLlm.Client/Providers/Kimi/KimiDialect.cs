using System.Text.RegularExpressions;
using ChineseLlm.Client.OpenAiCompatible.Wire;

namespace ChineseLlm.Client.Providers.Kimi;

/// <summary>Moonshot Kimi's dialect (facts: docs/protocols/kimi.md; § numbers below are its sections).</summary>
internal sealed partial class KimiDialect() : OpenAiCompatibleDialect(
    "kimi", new("https://api.moonshot.cn/v1"), "kimi-k2.6",
    requestIdHeaders: ["msh-request-id", "x-msh-trace-id"],
    passThroughFields:
    [
        "thinking", "reasoning_effort", "n", "prompt_cache_key", "safety_identifier", "logprobs", "top_logprobs",
        "prediction",
    ],
    messagePassThroughFields: ["partial"],
    // The vendor's official or recommended client is openai-python (docs/protocols/kimi.md): its retry rules apply.
    followsOpenAiSdkRetryRules: true)
{
    public static readonly KimiDialect Instance = new();

    /// <summary>The longest retry hint taken from a message.</summary>
    private static readonly TimeSpan MaxRetryHint = TimeSpan.FromDays(1);

    /// <inheritdoc />
    public override bool SendsReasoningSwitch => true;

    /// <summary>§1.4: <c>max_tokens</c> is deprecated in favour of <c>max_completion_tokens</c>.</summary>
    public override bool UsesMaxCompletionTokens => true;

    /// <summary>§1.8: the tool message carries the function name (required for <c>$web_search</c>).</summary>
    public override bool SendsToolNameInToolMessages => true;

    public override void ApplyVendorRules(ChatCompletionRequest request, ChatOptions? options)
    {
        var model = request.Model;
        var effort = options?.Reasoning?.Effort;
        var alwaysThinks = IsK3(model) || model.StartsWith("kimi-k2.7-code", StringComparison.OrdinalIgnoreCase);

        if (IsK3(model))
        {
            // §1.3: kimi-k3 always thinks, rejects `thinking`, and takes reasoning_effort low/high/max.
            request.ReasoningEffort = effort switch
            {
                ReasoningEffort.Low => "low",
                ReasoningEffort.Medium or ReasoningEffort.High => "high",
                ReasoningEffort.ExtraHigh => "max",
                _ => null,
            };
        }
        else if (effort is { } e)
        {
            // K2.x: {"thinking":{"type":"enabled"|"disabled"}}; K2.7-code cannot turn thinking off.
            request.Thinking = e == ReasoningEffort.None
                ? (alwaysThinks ? null : new WireThinking { Type = "disabled" })
                : new WireThinking { Type = "enabled" };
        }

        // §1.3: K2.6 and later fix temperature, top_p and the penalties; any other value is a 400, so they are not sent.
        if (HasFixedSampling(model))
        {
            request.Temperature = null;
            request.TopP = null;
            request.PresencePenalty = null;
            request.FrequencyPenalty = null;
        }

        // §1.7: with thinking on, an assistant turn that made tool calls must carry reasoning_content. When the original
        // was lost, a single space keeps the request valid (as litellm does).
        var thinkingOff = request.Thinking?.Type == "disabled";
        if (!thinkingOff)
        {
            foreach (var message in request.Messages)
            {
                if (message.Role == "assistant" && message.ToolCalls is { Count: > 0 } && string.IsNullOrEmpty(message.ReasoningContent))
                {
                    message.ReasoningContent = " ";
                }
            }
        }
    }

    /// <summary>§1.5: Kimi reports cached tokens at the top level of usage.</summary>
    public override int? GetCachedInputTokens(WireUsage usage) => usage.CachedTokens ?? usage.PromptTokensDetails?.CachedTokens;

    protected override string? GetErrorCode(WireError error) => error.Type ?? error.CodeText;

    /// <summary>§1.11: classify by <c>error.type</c>, not by status: an exhausted balance comes back as 429.</summary>
    protected override LlmErrorKind Classify(int? statusCode, WireError error) => error.Type switch
    {
        "content_filter" => LlmErrorKind.ContentFiltered,
        "invalid_request_error" when LooksLikeContextLength(error.Message) => LlmErrorKind.ContextLengthExceeded,
        "invalid_request_error" => LlmErrorKind.InvalidRequest,
        "invalid_authentication_error" or "incorrect_api_key_error" => LlmErrorKind.Authentication,
        "permission_denied_error" when MentionsBilling(error.Message) => LlmErrorKind.QuotaExceeded,
        "permission_denied_error" => LlmErrorKind.PermissionDenied,
        "resource_not_found_error" => LlmErrorKind.ModelNotFound,
        "exceeded_current_quota_error" => LlmErrorKind.QuotaExceeded,
        "engine_overloaded_error" or "rate_limit_reached_error" => LlmErrorKind.RateLimited,
        "server_error" or "unexpected_output" => LlmErrorKind.ServerError,
        _ when statusCode == 403 && MentionsBilling(error.Message) => LlmErrorKind.QuotaExceeded,
        _ => base.Classify(statusCode, error),
    };

    /// <summary>§1.11: "please try again after {time} seconds" is the only retry hint Kimi gives.</summary>
    protected override TimeSpan? GetRetryAfter(WireError error)
    {
        if (error.Message is null)
        {
            return null;
        }

        var match = RetryAfterSeconds().Match(error.Message);
        // An absurd hint ("after 99999999999999999999 seconds") would overflow TimeSpan.FromSeconds: it is capped at a day,
        // which is still a wait too long to retry and safe to add to any date.
        return match.Success && double.TryParse(match.Groups[1].ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(Math.Min(seconds, MaxRetryHint.TotalSeconds))
            : null;
    }

    private static bool IsK3(string model) => model.StartsWith("kimi-k3", StringComparison.OrdinalIgnoreCase);

    private static bool HasFixedSampling(string model) =>
        model.StartsWith("kimi-k2.6", StringComparison.OrdinalIgnoreCase) ||
        model.StartsWith("kimi-k2.7", StringComparison.OrdinalIgnoreCase) ||
        IsK3(model);

    private static bool MentionsBilling(string? message) =>
        message is not null &&
        (message.Contains("balance", StringComparison.OrdinalIgnoreCase) ||
         message.Contains("billing", StringComparison.OrdinalIgnoreCase) ||
         message.Contains("quota", StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"try again after (\d+(?:\.\d+)?) ?s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RetryAfterSeconds();
}
