using System.Net;
using ChineseLlm.Client.Testing.Wire.OpenAiStyle;

namespace ChineseLlm.Client.Testing.Wire.Vendors;

/// <summary>
/// DeepSeek (<c>POST {base}/chat/completions</c>): shapes as in <c>tests/Payloads/deepseek</c> and
/// docs/protocols/deepseek.md — <c>: keep-alive</c> comments before a stream, usage with the cache hit/miss
/// pair on the finish chunk (no <c>choices:[]</c> usage chunk), <c>usage:null</c> on earlier chunks only with include_usage.
/// </summary>
internal static class DeepSeekWire
{
    public static readonly OpenAiVendor Facts = new()
    {
        Protocol = SimulatedProtocol.DeepSeek,
        DefaultModel = "deepseek-v4-flash",
        NewId = static _ => WireIds.Uuid(),
        NewToolCallId = static (_, _) => "call_00_" + WireIds.Alnum(24, mixedCase: true),
        RequestIdHeader = "x-ds-trace-id",
        RequestId = static _ => WireIds.Hex(32),
        SystemFingerprint = static () => "fp_" + WireIds.Hex(10) + "_prod0820_fp8_kvcache_20260402",
        NullLogprobs = true,
        ToolCallIndexInMessage = true,
        Usage = new() { Cached = CachedTokens.Details, Reasoning = ReasoningTokens.WhenAny, CacheHitMiss = true },
        KeepAlives = true,
        Opener = StreamOpener.RoleOrReasoningChunk,
        ContentBesideReasoning = BesideValue.Null,
        NullReasoningBesideContent = true,

        // Usage rides on the finish chunk, with or without include_usage.
        StreamUsage = StreamUsage.FinishChunk,
        NullUsage = NullUsage.WithIncludeUsage,

        // Quirk (tests/Payloads/deepseek/README.md): 5xx bodies are not stable JSON; the edge may answer in plain text.
        PlainTextServerError = "Server Overloaded",
        Errors = Error,
        ErrorEnvelope = new() { Param = ErrorEnvelope.NullParam },
    };

    /// <summary>Source: tests/Payloads/deepseek (bodies), api-docs.deepseek.com/quick_start/error_codes (statuses).</summary>
    private static ErrorRow Error(ErrorContext context) => context.Kind switch
    {
        LlmErrorKind.Authentication => new(HttpStatusCode.Unauthorized, "authentication_error", Code, "Authentication Fails, Your api key: ****abcd is invalid"),
        // DeepSeek documents no permission error; 403 with its envelope is the closest plausible answer.
        LlmErrorKind.PermissionDenied => new(HttpStatusCode.Forbidden, "permission_error", Code, "Permission denied"),
        LlmErrorKind.RateLimited => new((HttpStatusCode)429, "rate_limit_error", Code, "Too many requests. Your current concurrency is 26, which exceeds your concurrency limit of 25 based on your remaining balance. Please top up your balance to restore your concurrency."),
        LlmErrorKind.QuotaExceeded => new(HttpStatusCode.PaymentRequired, "unknown_error", Code, "Insufficient Balance"),
        LlmErrorKind.ContentFiltered => new(HttpStatusCode.BadRequest, "invalid_request_error", Code, "Content Exists Risk"),
        LlmErrorKind.ModelNotFound => new(HttpStatusCode.BadRequest, "invalid_request_error", Code, "Model Not Exist"),
        LlmErrorKind.ContextLengthExceeded => new(HttpStatusCode.BadRequest, "invalid_request_error", Code, "This model's maximum context length is 1048576 tokens. However, you requested 1100000 tokens (1100000 in the messages, 0 in the completion). Please reduce the length of the messages or completion."),
        LlmErrorKind.ServerError => new(HttpStatusCode.ServiceUnavailable, string.Empty, null, string.Empty),
        _ => new(HttpStatusCode.BadRequest, "invalid_request_error", Code, "Failed to deserialize the JSON body into the target type: messages[1].role: unknown variant `developer`, expected one of `system`, `user`, `assistant`, `tool`, `latest_reminder` at line 1 column 51036"),
    };

    /// <summary>DeepSeek's envelopes carry the code <c>invalid_request_error</c> whatever the type (fixtures error-*.json).</summary>
    private const string Code = "invalid_request_error";
}
