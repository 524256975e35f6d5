using System.Net;
using ChineseLlm.Client.Testing.Wire.OpenAiStyle;

namespace ChineseLlm.Client.Testing.Wire.Vendors;

/// <summary>
/// Baichuan (<c>POST {base}/chat/completions</c>): shapes as in <c>tests/Payloads/baichuan</c> and
/// docs/protocols/baichuan.md — <c>data:</c> without the space and <c>data:[DONE]</c>, <c>"finish_reason":""</c> and
/// <c>role</c> on every chunk, the last text chunk finishing with the usage (<c>search_count</c> added), tool calls
/// streamed whole and sent without <c>content</c>, the request id in <c>X-BC-Request-Id</c>.
/// </summary>
internal static class BaichuanWire
{
    public static readonly OpenAiVendor Facts = new()
    {
        Protocol = SimulatedProtocol.Baichuan,
        DefaultModel = "Baichuan4-Turbo",
        NewId = static _ => "chatcmpl-" + WireIds.Alnum(15, mixedCase: true),
        NewToolCallId = static (_, _) => WireIds.Alnum(14, mixedCase: true),
        RequestIdHeader = "X-BC-Request-Id",
        RequestId = static _ => WireIds.Hex(32),
        ContentWithToolCalls = BesideValue.Nothing,
        Usage = new() { SearchCount = true },

        // A reply that opens with tool calls opens with an empty role chunk (fixture stream-tool-call.sse).
        Opener = StreamOpener.RoleChunkUnlessText,
        RoleInEveryDelta = true,
        OneFragmentPerToolCall = true,
        FinishReasonWhileStreaming = BesideValue.Empty,
        FinishOnLastText = true,
        DataWithoutSpace = true,
        StreamUsage = StreamUsage.FinishChunk,
        Errors = Error,
        ErrorEnvelope = new() { Param = ErrorEnvelope.NullParam },
    };

    /// <summary>
    /// Source: tests/Payloads/baichuan/error-* (README there names each body's source). Baichuan's error-code page is not
    /// stored (docs/protocols/baichuan.md); the permission, model, context-length and server rows use OpenAI's codes under
    /// the fitting status.
    /// </summary>
    private static ErrorRow Error(ErrorContext context) => context.Kind switch
    {
        LlmErrorKind.Authentication => new(HttpStatusCode.Unauthorized, "invalid_request_error", "invalid_api_key", "Incorrect API key provided"),
        LlmErrorKind.PermissionDenied => new(HttpStatusCode.Forbidden, "permission_error", "permission_denied", "You do not have access to this model"),
        LlmErrorKind.RateLimited => new((HttpStatusCode)429, "rate_limit_error", "rate_limit_exceeded", "Rate limit reached for requests"),
        LlmErrorKind.QuotaExceeded => new((HttpStatusCode)429, "insufficient_quota", "insufficient_quota", "You exceeded your current quota, please check your plan and billing details"),
        LlmErrorKind.ContentFiltered => new(HttpStatusCode.BadRequest, "invalid_request_error", "sensitive_words", "The input contains sensitive information"),
        LlmErrorKind.ModelNotFound => new(HttpStatusCode.NotFound, "invalid_request_error", "model_not_found", $"The model `{context.Model}` does not exist"),
        LlmErrorKind.ContextLengthExceeded => new(HttpStatusCode.BadRequest, "invalid_request_error", "context_length_exceeded", "This model's maximum context length is 32768 tokens"),
        LlmErrorKind.ServerError => new(HttpStatusCode.InternalServerError, "server_error", "internal_error", "The server had an error while processing your request"),
        _ => new(HttpStatusCode.BadRequest, "invalid_request_error", "invalid_request_error", "max_tokens must be in [1, 2048]"),
    };
}
