using System.Net;
using ChineseLlm.Client.Testing.Wire.OpenAiStyle;

namespace ChineseLlm.Client.Testing.Wire.Vendors;

/// <summary>
/// Hunyuan's OpenAI-compatible endpoint (<c>POST {base}/v1/chat/completions</c>, bearer API key): shapes as in
/// <c>tests/Payloads/hunyuan/compat-*</c> — OpenAI Chat Completions plus <c>note</c> and an empty
/// <c>system_fingerprint</c>, a running <c>usage</c> on every stream chunk, tool-call fragments that repeat
/// <c>index</c> and <c>id</c> (Hunyuan merges by id), <c>[DONE]</c> at the end, and errors as
/// <c>{"error":{"id","message","type","param","code"}}</c> with HTTP 4xx/5xx.
/// </summary>
internal static class HunyuanCompatibleWire
{
    /// <summary>The disclaimer Hunyuan puts in every response, native and compatible.</summary>
    public const string Note = "以上内容为AI生成，不代表开发者立场，请勿删除或修改本标记";

    public static readonly OpenAiVendor Facts = new()
    {
        Protocol = SimulatedProtocol.HunyuanCompatible,
        DefaultModel = "hunyuan-turbos-latest",
        NewId = static _ => WireIds.Hex(32),
        NewToolCallId = static (_, _) => "call_" + WireIds.Alnum(20),
        RequestIdHeader = "X-TC-RequestId",
        SystemFingerprint = static () => string.Empty,
        Note = Note,
        Usage = new(),
        Opener = StreamOpener.None,
        RoleInEveryDelta = true,
        ContentBesideReasoning = BesideValue.Empty,
        ContentBesideToolCalls = BesideValue.Empty,

        // Tool calls go out as two fragments merged by id: name with empty arguments, then an empty name with the arguments.
        WholeToolCallFragments = true,
        StreamUsage = StreamUsage.EveryChunk,
        Errors = Error,
        ErrorEnvelope = new() { Param = ErrorEnvelope.NullParam, ErrorId = true, RequestIdHeader = false },
    };

    /// <summary>
    /// Source: tests/Payloads/hunyuan/compat-error-* for 401 and 400 ("1001"); the other rows carry the native codes (the
    /// compatible endpoint's own codes for them are not documented). The fixtures show type invalid_request_error for
    /// 400/401; for the other kinds the OpenAI types are used.
    /// </summary>
    private static ErrorRow Error(ErrorContext context) => context.Kind switch
    {
        LlmErrorKind.Authentication => new(HttpStatusCode.Unauthorized, "invalid_request_error", "invalid_api_key", "Incorrect API key provided"),
        LlmErrorKind.PermissionDenied => new(HttpStatusCode.Forbidden, "permission_error", "AuthFailure.UnauthorizedOperation", "The request is not authorized."),
        LlmErrorKind.RateLimited => new((HttpStatusCode)429, "rate_limit_error", "FailedOperation.EngineServerLimitExceeded", "引擎层请求超过限额；请稍后重试。"),
        LlmErrorKind.QuotaExceeded => new(HttpStatusCode.PaymentRequired, "insufficient_quota", "FailedOperation.ResourcePackExhausted", "资源包余量已用尽，请购买资源包或开通后付费。"),
        LlmErrorKind.ContentFiltered => new(HttpStatusCode.BadRequest, "invalid_request_error", "OperationDenied.TextIllegalDetected", "文本包含违法违规信息，审核不通过。"),
        LlmErrorKind.ModelNotFound => new(HttpStatusCode.NotFound, "invalid_request_error", "InvalidParameterValue.Model", "模型不存在。"),
        LlmErrorKind.ContextLengthExceeded => new(HttpStatusCode.BadRequest, "invalid_request_error", "InvalidParameterValue.ParameterValueError", "Messages exceed the maximum context length of the model."),
        LlmErrorKind.ServerError => new(HttpStatusCode.InternalServerError, "server_error", "FailedOperation.EngineServerError", "引擎层内部错误；请稍后重试。"),
        _ => new(HttpStatusCode.BadRequest, "invalid_request_error", "1001", "messages 中 user（tool） 和 assistant 角色需交替出现 (一问一答)，以 user 提问开始， user（tool）提问结束, tool 可以连续出现多次"),
    };
}
