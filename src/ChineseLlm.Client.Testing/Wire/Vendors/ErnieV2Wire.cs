using System.Net;
using ChineseLlm.Client.Testing.Wire.OpenAiStyle;

namespace ChineseLlm.Client.Testing.Wire.Vendors;

/// <summary>
/// ERNIE on Qianfan v2 (<c>POST {base}/v2/chat/completions</c>): shapes as in <c>tests/Payloads/ernie/v2-*</c> and
/// docs/protocols/ernie.md — a <c>flag</c> safety field per choice, tool-call ids without <c>call_</c>,
/// <c>usage:null</c> on chunks with a last <c>choices:[]</c> usage chunk only with include_usage, errors with <c>id</c>.
/// </summary>
internal static class ErnieV2Wire
{
    public static readonly OpenAiVendor Facts = new()
    {
        Protocol = SimulatedProtocol.ErnieV2,
        DefaultModel = "ernie-4.5-turbo-128k",
        NewId = static _ => "as-" + WireIds.Alnum(10),
        NewToolCallId = static (_, _) => WireIds.Hex(32),
        RequestIdHeader = "X-Baidu-Request-Id",
        Flag = 0,

        // Quirk (docs/protocols/ernie.md): non-stream tool calls carry no index.
        ToolCallIndexInMessage = false,

        // prompt_tokens_details is documented (docs/protocols/ernie.md) but absent from the fixtures, so only sent on a cache hit.
        Usage = new() { Cached = CachedTokens.DetailsOnHit },
        Opener = StreamOpener.RoleOnFirstDelta,

        // stream_options.chunk_include_usage: cumulative usage on every chunk.
        StreamUsage = StreamUsage.EveryChunkWhenAsked,
        NullUsage = NullUsage.Always,
        UsageChunk = true,
        Errors = Error,
        ErrorEnvelope = new() { TopLevelRequestId = "id" },
    };

    /// <summary>Source: tests/Payloads/ernie/v2-error-* and the v2 table in docs/protocols/ernie.md (cloud.baidu.com/doc/qianfan-api/s/Om9b4yj3w).</summary>
    private static ErrorRow Error(ErrorContext context) => context.Kind switch
    {
        LlmErrorKind.Authentication => new(HttpStatusCode.Unauthorized, "invalid_request_error", "invalid_iam_token", "IAM Certification failed"),
        LlmErrorKind.PermissionDenied => new(HttpStatusCode.Unauthorized, "invalid_request_error", "invalid_appid", "No permission to use the appid"),
        LlmErrorKind.RateLimited => new((HttpStatusCode)429, "rate_limit_exceeded", "rpm_rate_limit_exceeded", "Rate limit reached for RPM"),
        LlmErrorKind.QuotaExceeded => new(HttpStatusCode.Forbidden, "access_denied", "account_overdue", "Access denied due to overdue account"),
        LlmErrorKind.ContentFiltered => new(HttpStatusCode.Forbidden, "unsafe_request", "system_unsafe", "the content of system field is invalid"),
        LlmErrorKind.ModelNotFound => new(HttpStatusCode.Unauthorized, "invalid_request_error", "invalid_model", "The model does not exist or you do not have access to it."),
        LlmErrorKind.ContextLengthExceeded => new(HttpStatusCode.BadRequest, "invalid_request_error", "tokens_too_long", "Prompt tokens too long"),
        LlmErrorKind.ServerError => new(HttpStatusCode.InternalServerError, "Internal_error", "internal_error", "Internal error"),
        _ => new(HttpStatusCode.BadRequest, "invalid_request_error", "malformed_json", "Invalid Argument"),
    };
}
