using ChineseLlm.Client.OpenAiCompatible.Wire;

namespace ChineseLlm.Client.Providers.Yi;

/// <summary>01.AI Yi's dialect: plain OpenAI Chat Completions (facts: docs/protocols/yi.md).</summary>
internal sealed class YiDialect() : OpenAiCompatibleDialect(
    "yi", new("https://api.lingyiwanwu.com/v1"), "yi-lightning",
    // Assumed: no request-id header is documented (the reference is offline); X-Request-Id is read when present.
    requestIdHeaders: ["X-Request-Id"],
    // The vendor's official or recommended client is openai-python (docs/protocols/yi.md): its retry rules apply.
    followsOpenAiSdkRetryRules: true)
{
    public static readonly YiDialect Instance = new();

    /// <summary>The OpenAI error codes decide where they are present (a 429 may be a rate limit or an empty balance).</summary>
    protected override LlmErrorKind Classify(int? statusCode, WireError error) => (error.CodeText ?? error.Type) switch
    {
        "invalid_api_key" or "authentication_error" => LlmErrorKind.Authentication,
        "insufficient_quota" => LlmErrorKind.QuotaExceeded,
        "rate_limit_exceeded" or "rate_limit_error" => LlmErrorKind.RateLimited,
        "context_length_exceeded" => LlmErrorKind.ContextLengthExceeded,
        "model_not_found" => LlmErrorKind.ModelNotFound,
        _ => base.Classify(statusCode, error),
    };
}
