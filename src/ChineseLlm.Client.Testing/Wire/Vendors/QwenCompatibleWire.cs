using System.Net;
using ChineseLlm.Client.Testing.Wire.OpenAiStyle;

namespace ChineseLlm.Client.Testing.Wire.Vendors;

/// <summary>
/// Qwen in OpenAI-compatible mode (<c>POST {base}/compatible-mode/v1/chat/completions</c>): shapes as in
/// <c>tests/Payloads/qwen/compat-*</c> and docs/protocols/qwen.md — explicit nulls in every delta,
/// <c>usage:null</c> on every chunk and, only with include_usage, a last <c>choices:[]</c> usage chunk; <c>[DONE]</c> at the end.
/// </summary>
internal static class QwenCompatibleWire
{
    public static readonly OpenAiVendor Facts = new()
    {
        Protocol = SimulatedProtocol.QwenCompatible,
        DefaultModel = "qwen-plus",
        NewId = static _ => "chatcmpl-" + WireIds.Uuid(),
        NewToolCallId = static (_, _) => "call_" + WireIds.Hex(22),
        RequestIdHeader = "x-request-id",
        RequestId = static _ => WireIds.Uuid(),
        SystemFingerprint = static () => null,
        NullServiceTierInChunks = true,
        NullLogprobs = true,
        ToolCallIndexInMessage = true,
        SdkNulls = true,
        Usage = new() { Cached = CachedTokens.Details, Reasoning = ReasoningTokens.WhenAny },
        UsageChunkUsage = new() { Cached = CachedTokens.Details, Reasoning = ReasoningTokens.WhenAny, SdkNulls = true },

        // Thinking streams (fixture compat-stream-reasoning.sse) use a shorter delta than plain ones.
        Opener = StreamOpener.RoleOrReasoningChunk,
        ContentBesideReasoning = BesideValue.Null,
        NullReasoningBesideContent = true,
        ContentBesideToolCalls = BesideValue.Null,
        NullUsage = NullUsage.Always,
        UsageChunk = true,
        Errors = Error,

        // The observed data_inspection_failed body (fixture compat-error-400-data-inspection.json) has no request_id.
        ErrorEnvelope = new() { Param = ErrorEnvelope.NullParam, TopLevelRequestId = "request_id", NoRequestIdFor = [LlmErrorKind.ContentFiltered] },
    };

    /// <summary>Source: tests/Payloads/qwen/compat-error-* and the compat codes in docs/protocols/qwen.md.</summary>
    private static ErrorRow Error(ErrorContext context) => context.Kind switch
    {
        LlmErrorKind.Authentication => new(HttpStatusCode.Unauthorized, "invalid_request_error", "invalid_api_key", "Incorrect API key provided. "),
        LlmErrorKind.PermissionDenied => new(HttpStatusCode.Forbidden, "access_denied", "access_denied", "Access denied."),
        LlmErrorKind.RateLimited => new((HttpStatusCode)429, "limit_requests", "limit_requests", "Requests rate limit exceeded, please try again later."),
        LlmErrorKind.QuotaExceeded => new(HttpStatusCode.BadRequest, "Arrearage", "Arrearage", "Access denied, please make sure your account is in good standing."),
        LlmErrorKind.ContentFiltered => new(HttpStatusCode.BadRequest, "data_inspection_failed", "data_inspection_failed", "Input text data may contain inappropriate content."),
        LlmErrorKind.ModelNotFound => new(HttpStatusCode.NotFound, "invalid_request_error", "model_not_found", $"The model `{context.Model}` does not exist or you do not have access to it."),
        LlmErrorKind.ContextLengthExceeded => new(HttpStatusCode.BadRequest, "invalid_request_error", "invalid_parameter_error", "Range of input length should be [1, 129024]"),
        LlmErrorKind.ServerError => new(HttpStatusCode.InternalServerError, "internal_error", "internal_error", "An internal error has occured, please try again later or contact service support."),
        _ => new(HttpStatusCode.BadRequest, "invalid_request_error", "invalid_parameter_error", "Role must be user or assistant and Content length must be greater than 0"),
    };
}
