using System.Net;
using ChineseLlm.Client.Testing.Wire.OpenAiStyle;

namespace ChineseLlm.Client.Testing.Wire.Vendors;

/// <summary>
/// Huawei Pangu on ModelArts Studio, OpenAI-format route (<c>POST {endpoint}/chat/completions</c>, API key as bearer):
/// vLLM-style shapes as in <c>tests/Payloads/pangu</c> and docs/protocols/pangu.md — <c>tool_calls: []</c> on every message,
/// <c>stop_reason</c> and <c>prompt_logprobs</c>, a <c>choices:[]</c> usage chunk, the request id in <c>X-Request-Id</c>, and
/// flat errors <c>{"error_code":"PANGU.xxxx"|"APIG.xxxx","error_msg"}</c> (gateway ones with <c>request_id</c>).
/// </summary>
internal static class PanguWire
{
    public static readonly OpenAiVendor Facts = new()
    {
        Protocol = SimulatedProtocol.Pangu,
        DefaultModel = "pangu-nlp-n2-128k",
        NewId = static _ => "chat-" + WireIds.Hex(32),
        NewToolCallId = static (_, _) => "chatcmpl-tool-" + WireIds.Hex(16),
        RequestIdHeader = "X-Request-Id",
        RequestId = static _ => WireIds.Hex(32),
        NullLogprobs = true,
        VllmFields = true,
        Usage = new(),
        EmptyFinishDelta = true,
        UsageChunk = true,
        Errors = Error,

        // Gateway (APIG) errors carry a request_id in the body, service (PANGU) errors do not.
        ErrorEnvelope = new()
        {
            Flat = true,
            TopLevelRequestId = "request_id",
            NoRequestIdFor = [LlmErrorKind.Authentication, LlmErrorKind.PermissionDenied, LlmErrorKind.QuotaExceeded, LlmErrorKind.ContentFiltered, LlmErrorKind.ModelNotFound, LlmErrorKind.ServerError, LlmErrorKind.InvalidRequest],
        },
    };

    /// <summary>
    /// Source: tests/Payloads/pangu/error-* and the code table in docs/protocols/pangu.md. Pangu documents no quota,
    /// moderation or model-not-found code: a used-up quota and an unknown model read as PANGU.3308/3315 (API not opened or
    /// not matching the model, a permission error), and a moderation rejection as PANGU.0010 (parameter illegal).
    /// </summary>
    private static ErrorRow Error(ErrorContext context) => context.Kind switch
    {
        LlmErrorKind.Authentication => new(HttpStatusCode.Unauthorized, string.Empty, "PANGU.0011", "auth failed."),
        LlmErrorKind.PermissionDenied or LlmErrorKind.QuotaExceeded => new(HttpStatusCode.Forbidden, string.Empty, "PANGU.3308", "The API is not opened."),
        LlmErrorKind.RateLimited => new((HttpStatusCode)429, string.Empty, "APIG.0308", "The throttling threshold has been reached: policy user over ratelimit,limit:10,time:1 minute"),
        LlmErrorKind.ModelNotFound => new(HttpStatusCode.Forbidden, string.Empty, "PANGU.3315", $"The model of the API does not match: {context.Model}."),
        LlmErrorKind.ContextLengthExceeded => new((HttpStatusCode)413, string.Empty, "APIG.0201", "Request entity too large"),
        LlmErrorKind.ServerError => new(HttpStatusCode.InternalServerError, string.Empty, "PANGU.0001", "unknown error."),
        _ => new(HttpStatusCode.BadRequest, string.Empty, "PANGU.0010", "parameter illegal."),
    };
}
