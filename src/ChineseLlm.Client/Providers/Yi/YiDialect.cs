using ChineseLlm.Client.OpenAiCompatible.Wire;

namespace ChineseLlm.Client.Providers.Yi;

/// <summary>01.AI Yi's dialect: plain OpenAI Chat Completions (facts: docs/protocols/yi.md).</summary>
internal sealed class YiDialect : OpenAiCompatibleDialect
{
    public static readonly YiDialect Instance = new();

    // Assumed: no request-id header is documented (the reference is offline); X-Request-Id is read when present.
    private static readonly string[] TraceHeaders = ["X-Request-Id"];

    private YiDialect()
    {
    }

    /// <summary>The vendor's official or recommended client is openai-python (docs/protocols/yi.md): its retry rules apply.</summary>
    public override bool FollowsOpenAiSdkRetryRules => true;

    public override string ProviderName => "yi";

    public override Uri DefaultEndpoint { get; } = new("https://api.lingyiwanwu.com/v1");

    public override string DefaultModel => "yi-lightning";

    public override IReadOnlyList<string> RequestIdHeaders => TraceHeaders;

    public override IReadOnlySet<string> PassThroughFields => EmptySet;

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
