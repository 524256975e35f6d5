using System.Text.RegularExpressions;
using ChineseLlm.Client.OpenAiCompatible.Wire;

namespace ChineseLlm.Client.Providers.Doubao;

/// <summary>Volcengine Ark's dialect for Doubao (facts: docs/protocols/doubao.md, tests/Payloads/doubao/README.md).</summary>
internal sealed partial class DoubaoDialect() : OpenAiCompatibleDialect(
    "doubao", new("https://ark.cn-beijing.volces.com/api/v3"), "doubao-seed-2-0-lite-260428",
    // The volcenginesdkarkruntime `SERVER_REQUEST_HEADER`.
    requestIdHeaders: ["x-request-id"],
    // Documented Ark request fields (volcenginesdkarkruntime `chat.completions.create`) without a ChatOptions property.
    // `thinking` is not here: ApplyVendorRules reads it so that a plain `"auto"` works too.
    passThroughFields:
    [
        "reasoning_effort", "service_tier", "logprobs", "top_logprobs", "logit_bias", "n", "parallel_tool_calls",
        "repetition_penalty", "user", "max_completion_tokens",
    ],
    // The vendor's official or recommended client is the Ark runtime SDK (docs/protocols/doubao.md, "Retries"): its retry rules apply.
    followsOpenAiSdkRetryRules: true)
{
    public static readonly DoubaoDialect Instance = new();

    /// <summary>The key of the thinking switch in <c>ChatOptions.AdditionalProperties</c> and on the wire.</summary>
    internal const string ThinkingKey = "thinking";

    private static readonly HashSet<string> ThinkingTypes = new(StringComparer.Ordinal) { "enabled", "disabled", "auto" };

    /// <inheritdoc />
    public override bool SendsReasoningSwitch => true;

    public override void ApplyVendorRules(ChatCompletionRequest request, ChatOptions? options)
    {
        // docs/protocols/doubao.md: thinking is {"type":"enabled"|"disabled"|"auto"} on Seed models. An explicit switch in
        // AdditionalProperties wins over the effort; ReasoningEffort.None turns thinking off, any other effort on.
        if (ReadThinking(options?.AdditionalProperties) is { } explicitType)
        {
            request.Thinking = new WireThinking { Type = explicitType };
        }
        else if (options?.Reasoning?.Effort is { } effort)
        {
            request.Thinking = new WireThinking { Type = effort == ReasoningEffort.None ? "disabled" : "enabled" };
        }

        // Quirk (volcenginesdkarkruntime ChatCompletionAssistantMessageParam has no reasoning_content): Ark's input
        // messages do not carry the earlier reasoning, so it is not sent back.
        foreach (var message in request.Messages)
        {
            message.ReasoningContent = null;
        }
    }

    /// <summary>docs/protocols/doubao.md: the request id ends Ark's message as <c>Request id: &lt;id&gt;</c>.</summary>
    protected override string? GetRequestId(WireError error) => ExtractRequestId(error.Message);

    /// <summary>docs/protocols/doubao.md: classify by Ark's code; the HTTP status alone cannot tell an overdue account (403) from a denial.</summary>
    protected override LlmErrorKind Classify(int? statusCode, WireError error) =>
        ClassifyCode(error.CodeText, error.Message) ?? base.Classify(statusCode, error);

    /// <summary>Classifies an Ark error code (official table, volcengine.com/docs/82379/1299023); <see langword="null"/> when unknown.</summary>
    internal static LlmErrorKind? ClassifyCode(string? code, string? message)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        switch (code)
        {
            case "AuthenticationError" or "InvalidApiKey" or "InvalidAPIKey":
                return LlmErrorKind.Authentication;
            case "AccessDenied" or "InvalidAccountStatus" or "InvalidEndpointOrModel.ModelIDAccessDisabled":
                return LlmErrorKind.PermissionDenied;
            case "AccountOverdueError" or "OperationDenied.ServiceOverdue" or "ServiceOverdue" or "SetLimitExceeded":
                return LlmErrorKind.QuotaExceeded;
            case "InvalidEndpointOrModel.NotFound" or "InvalidEndpoint.NotFound" or "InvalidEndpoint.ClosedEndpoint"
                or "ModelNotOpen" or "OperationDenied.ServiceNotOpen" or "ServiceNotOpen":
                return LlmErrorKind.ModelNotFound;
            case "OutofContextError":
                return LlmErrorKind.ContextLengthExceeded;
            case "ServerOverloaded" or "RequestBurstTooFast" or "InflightBatchsizeExceeded":
                return LlmErrorKind.RateLimited;
            case "InternalServiceError" or "ContentSecurityDetectionError":
                return LlmErrorKind.ServerError;
            case "RequestTimeout":
                return LlmErrorKind.Timeout;
        }

        if (code.StartsWith("QuotaExceeded", StringComparison.Ordinal))
        {
            return LlmErrorKind.QuotaExceeded; // QuotaExceeded, QuotaExceeded.AgentPlanQuotaExceeded: a billing stop
        }

        if (code.StartsWith("RateLimitExceeded", StringComparison.Ordinal) || code.EndsWith("RateLimitExceeded", StringComparison.Ordinal))
        {
            return LlmErrorKind.RateLimited; // RateLimitExceeded.Endpoint{RPM,TPM}Exceeded, ModelAccount{Rpm,Tpm}RateLimitExceeded, …
        }

        if (code.Contains("SensitiveContentDetected", StringComparison.Ordinal) || code.EndsWith("RiskDetection", StringComparison.Ordinal))
        {
            return LlmErrorKind.ContentFiltered;
        }

        if (code.StartsWith("InvalidParameter", StringComparison.Ordinal) || code.StartsWith("MissingParameter", StringComparison.Ordinal) ||
            code.StartsWith("InvalidArgumentError", StringComparison.Ordinal) || code.StartsWith("InvalidImageURL", StringComparison.Ordinal))
        {
            return LooksLikeContextLength(message) ? LlmErrorKind.ContextLengthExceeded : LlmErrorKind.InvalidRequest;
        }

        return null;
    }

    /// <summary>Reads <c>Request id: &lt;id&gt;</c> from an Ark error message.</summary>
    internal static string? ExtractRequestId(string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return null;
        }

        var match = RequestIdInMessage().Match(message);
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>Reads the caller's thinking switch: a string (<c>"auto"</c>) or an object with a <c>type</c>.</summary>
    private string? ReadThinking(AdditionalPropertiesDictionary? properties)
    {
        if (properties is null || !properties.TryGetValue(ThinkingKey, out var value) || value is null)
        {
            return null;
        }

        var element = WireMapping.ToJsonElement(value);
        var type = element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Object when element.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String => t.GetString(),
            _ => null,
        };

        var normalized = type?.Trim().ToLowerInvariant();
        return normalized is not null && ThinkingTypes.Contains(normalized)
            ? normalized
            : throw new ChineseLlmException(
                ProviderName,
                LlmErrorKind.InvalidRequest,
                "AdditionalProperties[\"thinking\"] must be \"enabled\", \"disabled\" or \"auto\" (or an object with that \"type\").");
    }

    [GeneratedRegex(@"Request id:\s*([A-Za-z0-9_\-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RequestIdInMessage();
}
