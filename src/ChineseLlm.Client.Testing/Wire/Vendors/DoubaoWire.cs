using System.Net;
using ChineseLlm.Client.Testing.Wire.OpenAiStyle;

namespace ChineseLlm.Client.Testing.Wire.Vendors;

/// <summary>
/// Doubao on Volcengine Ark (<c>POST {base}/api/v3/chat/completions</c>): OpenAI dialect with <c>service_tier</c>,
/// <c>prompt_tokens_details.cached_tokens</c> and <c>completion_tokens_details.reasoning_tokens</c>, a last
/// <c>choices:[]</c> usage chunk only with include_usage, and Ark's error codes whose message ends in the request id
/// (docs/protocols/doubao.md; volcengine.com/docs/82379/1299023 for the error table).
/// </summary>
internal static class DoubaoWire
{
    public static readonly OpenAiVendor Facts = new()
    {
        Protocol = SimulatedProtocol.Doubao,
        DefaultModel = "doubao-seed-1-6-250615",
        NewId = WireIds.Ark,
        NewToolCallId = static (_, _) => "call_" + WireIds.Alnum(24),
        RequestIdHeader = "X-Request-Id",
        ServiceTier = "default",
        NullLogprobs = true,
        Usage = new() { Cached = CachedTokens.Details, Reasoning = ReasoningTokens.Always },

        // A reply that does not open with text or reasoning opens with an empty delta (fixture stream-tool-call.sse).
        Opener = StreamOpener.RoleChunkUnlessText,
        RoleInEveryDelta = true,
        ContentBesideReasoning = BesideValue.Null,
        NullReasoningBesideContent = true,
        ContentBesideToolCalls = BesideValue.Null,
        NullUsage = NullUsage.Always,
        UsageChunk = true,
        Errors = Error,
        ErrorEnvelope = new() { Param = string.Empty, MessageSuffix = " Request id: {0}" },
    };

    /// <summary>Source: tests/Payloads/doubao/error-* (Ark's error table, volcengine.com/docs/82379/1299023).</summary>
    private static ErrorRow Error(ErrorContext context) => context.Kind switch
    {
        LlmErrorKind.Authentication => new(HttpStatusCode.Unauthorized, "Unauthorized", "AuthenticationError", "The API key or AK/SK in the request is missing or invalid."),
        LlmErrorKind.PermissionDenied => new(HttpStatusCode.Forbidden, "Forbidden", "AccessDenied", "The request failed because you do not have access to the requested resource."),
        LlmErrorKind.RateLimited => new((HttpStatusCode)429, "TooManyRequests", "RateLimitExceeded.EndpointRPMExceeded", "The Requests Per Minute (RPM) limit of the associated endpoint for your account has been exceeded."),
        LlmErrorKind.QuotaExceeded => new(HttpStatusCode.Forbidden, "Forbidden", "AccountOverdueError", "The request failed because your account has an overdue balance."),
        LlmErrorKind.ContentFiltered => new(HttpStatusCode.BadRequest, "BadRequest", "InputTextSensitiveContentDetected", "The request failed because the input text may contain sensitive information."),
        LlmErrorKind.ModelNotFound => new(HttpStatusCode.NotFound, "NotFound", "InvalidEndpointOrModel.NotFound", $"The model or endpoint {context.Model} does not exist or you do not have access to it."),
        LlmErrorKind.ContextLengthExceeded => new(HttpStatusCode.BadRequest, "BadRequest", "OutofContextError", "Total tokens of image and text exceed max message tokens."),
        LlmErrorKind.ServerError => new(HttpStatusCode.InternalServerError, "InternalServerError", "InternalServiceError", "The service encountered an unexpected internal error."),
        _ => new(HttpStatusCode.BadRequest, "BadRequest", "InvalidParameter", "One or more parameters specified in the request are not valid."),
    };
}
