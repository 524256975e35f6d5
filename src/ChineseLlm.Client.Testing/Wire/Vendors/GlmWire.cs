using System.Globalization;
using System.Net;
using ChineseLlm.Client.Testing.Wire.OpenAiStyle;

namespace ChineseLlm.Client.Testing.Wire.Vendors;

/// <summary>
/// Zhipu GLM (<c>POST {base}/chat/completions</c>, base <c>…/api/paas/v4</c>): shapes as in <c>tests/Payloads/glm</c> and
/// docs/protocols/glm.md — the id (a timestamp and hex) repeated as <c>request_id</c>, <c>role</c> on every delta, no
/// <c>finish_reason</c> before the finish chunk, tool calls streamed whole, usage on the finish chunk, and errors as
/// <c>{"error":{"code":"1301","message"}}</c> whose business code (not the HTTP status) tells the kind.
/// </summary>
internal static class GlmWire
{
    public static readonly OpenAiVendor Facts = new()
    {
        Protocol = SimulatedProtocol.Glm,
        DefaultModel = "glm-5.1",
        NewId = static now => now.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + WireIds.Hex(16),
        NewToolCallId = static (_, _) => "call_" + WireIds.Hex(24),
        IdField = "request_id",
        ToolCallIndexInMessage = true,
        Usage = new() { Cached = CachedTokens.Details },
        Opener = StreamOpener.None,
        RoleInEveryDelta = true,
        OneFragmentPerToolCall = true,
        FinishReasonWhileStreaming = BesideValue.Nothing,
        StreamUsage = StreamUsage.FinishChunk,
        Errors = Error,
        ErrorEnvelope = new() { Type = false },
    };

    /// <summary>
    /// Source: tests/Payloads/glm/error-* and the code table in docs/protocols/glm.md (docs.bigmodel.cn/cn/api/api-code;
    /// HTTP 434 for no API permission per its FAQ table).
    /// </summary>
    private static ErrorRow Error(ErrorContext context) => context.Kind switch
    {
        LlmErrorKind.Authentication => new(HttpStatusCode.Unauthorized, string.Empty, "1000", "身份验证失败。"),
        LlmErrorKind.PermissionDenied => new((HttpStatusCode)434, string.Empty, "1220", "您无权访问该 API。"),
        LlmErrorKind.RateLimited => new((HttpStatusCode)429, string.Empty, "1302", "您的账户已达到速率限制，请您控制请求频率"),
        LlmErrorKind.QuotaExceeded => new((HttpStatusCode)429, string.Empty, "1113", "余额不足或无可用资源包,请充值。"),
        LlmErrorKind.ContentFiltered => new(HttpStatusCode.BadRequest, string.Empty, "1301", "系统检测到输入或生成内容可能包含不安全或敏感内容，请您避免输入易产生敏感内容的提示语，感谢您的配合。"),
        LlmErrorKind.ModelNotFound => new(HttpStatusCode.BadRequest, string.Empty, "1211", "模型不存在，请检查模型代码。"),
        LlmErrorKind.ContextLengthExceeded => new(HttpStatusCode.BadRequest, string.Empty, "1261", "Prompt 超长"),
        LlmErrorKind.ServerError => new(HttpStatusCode.InternalServerError, string.Empty, "500", "内部错误"),
        _ => new(HttpStatusCode.BadRequest, string.Empty, "1214", "messages 参数非法。请检查文档。"),
    };
}
