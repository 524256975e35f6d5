using System.Net;
using ChineseLlm.Client.Testing.Wire.OpenAiStyle;

namespace ChineseLlm.Client.Testing.Wire.Vendors;

/// <summary>
/// StepFun (<c>POST {base}/chat/completions</c>): shapes as in <c>tests/Payloads/stepfun</c> and docs/protocols/stepfun.md —
/// a role-only opening chunk, an empty finish delta with the usage (top-level <c>cached_tokens</c>) beside it, and errors as
/// <c>{"error":{"message","type"}}</c>.
/// </summary>
internal static class StepFunWire
{
    public static readonly OpenAiVendor Facts = new()
    {
        Protocol = SimulatedProtocol.StepFun,
        DefaultModel = "step-3.7-flash",
        NewId = static _ => WireIds.Uuid(),
        NewToolCallId = static (_, _) => "call_" + WireIds.Hex(16),
        Usage = new() { Cached = CachedTokens.TopLevel },
        Opener = StreamOpener.RoleOnlyChunk,
        EmptyFinishDelta = true,
        StreamUsage = StreamUsage.FinishChunk,
        Errors = Error,
        ErrorEnvelope = new() { Code = false },
    };

    /// <summary>
    /// Source: tests/Payloads/stepfun/error-* and the table in docs/protocols/stepfun.md (401, 402, 429, 400, 404). StepFun
    /// documents no permission, moderation, context-length or server error; those rows use OpenAI's types under the fitting
    /// status (a moderation rejection is then a plain 400).
    /// </summary>
    private static ErrorRow Error(ErrorContext context) => context.Kind switch
    {
        LlmErrorKind.Authentication => new(HttpStatusCode.Unauthorized, "invalid_api_key", null, "Incorrect API key provided"),
        LlmErrorKind.PermissionDenied => new(HttpStatusCode.Forbidden, "permission_denied", null, "permission denied"),
        LlmErrorKind.RateLimited => new((HttpStatusCode)429, "rate_limit_exceeded", null, "Rate limit reached for requests, please retry later"),
        LlmErrorKind.QuotaExceeded => new(HttpStatusCode.PaymentRequired, "insufficient_balance", null, "Insufficient balance, please recharge your account"),
        LlmErrorKind.ContentFiltered => new(HttpStatusCode.BadRequest, "invalid_request_error", null, "content filtered: the input may contain sensitive content"),
        LlmErrorKind.ModelNotFound => new(HttpStatusCode.NotFound, "model_not_found", null, $"model {context.Model} not found"),
        LlmErrorKind.ContextLengthExceeded => new(HttpStatusCode.BadRequest, "invalid_request_error", null, "This model's maximum context length is 262144 tokens"),
        LlmErrorKind.ServerError => new(HttpStatusCode.InternalServerError, "server_error", null, "internal server error"),
        _ => new(HttpStatusCode.BadRequest, "invalid_request_error", null, "invalid request: messages must not be empty"),
    };
}
