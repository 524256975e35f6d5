using System.Globalization;
using System.Net;
using ChineseLlm.Client.Testing.Wire.OpenAiStyle;

namespace ChineseLlm.Client.Testing.Wire.Vendors;

/// <summary>
/// iFlytek Spark over HTTP (<c>POST {base}/chat/completions</c>): shapes as in <c>tests/Payloads/spark</c> and
/// docs/protocols/spark.md — every body and chunk opens with <c>code</c> (0), <c>message</c> and <c>sid</c>; no
/// <c>model</c> or <c>object</c>, and the body has no <c>id</c> or <c>created</c>; no <c>finish_reason</c> in a stream
/// (bodies say it only for tool calls); <c>data:</c> without the space; usage on the last chunk; and errors either as the
/// OpenAI envelope with the sid in the message or as a business code inside HTTP 200.
/// </summary>
internal static class SparkWire
{
    public static readonly OpenAiVendor Facts = new()
    {
        Protocol = SimulatedProtocol.Spark,
        DefaultModel = "generalv3.5",
        NewId = static _ => "cha" + WireIds.Hex(8) + "@dx" + WireIds.Hex(18),
        NewToolCallId = static (i, _) => "call_cha" + WireIds.Hex(8) + "_" + i.ToString(CultureInfo.InvariantCulture),
        BodyHead = HeadFields.None,
        ChunkHead = HeadFields.Id | HeadFields.Created,
        BusinessStatus = true,
        NoFinishReason = true,
        Usage = new(),
        Opener = StreamOpener.None,
        RoleInEveryDelta = true,
        ContentBesideToolCalls = BesideValue.Empty,
        OneFragmentPerToolCall = true,
        ToolCallFragmentIndex = false,
        DataWithoutSpace = true,
        StreamUsage = StreamUsage.FinishChunk,
        Errors = Error,
        ErrorEnvelope = new() { Param = ErrorEnvelope.NullParam, MessageSuffix = " (sid: {0})" },
    };

    /// <summary>
    /// Source: tests/Payloads/spark/error-* and the code table in docs/protocols/spark.md. The HTTP status of the envelope
    /// errors is not captured (the README there assumes 401 for 11200; 400 is assumed for 10005). Spark has no code of its
    /// own for a wrong API password or a server failure: a wrong password is 11200 (the password does not open this model
    /// family), and a server failure is sent as an HTTP 500 envelope without a Spark code.
    /// </summary>
    private static ErrorRow Error(ErrorContext context) => context.Kind switch
    {
        LlmErrorKind.Authentication or LlmErrorKind.PermissionDenied => new(HttpStatusCode.Unauthorized, "api_error", "11200", "AppIdNoAuthError"),
        LlmErrorKind.RateLimited => new(HttpStatusCode.OK, string.Empty, "11202", "AppIdQpsOverFlowError", InBody: true),
        LlmErrorKind.QuotaExceeded => new(HttpStatusCode.OK, string.Empty, "11201", "AppIdNoAuthError:(daily limit exceeded)", InBody: true),
        LlmErrorKind.ContentFiltered => new(HttpStatusCode.OK, string.Empty, "10013", "input content contains sensitive information", InBody: true),
        LlmErrorKind.ModelNotFound => new(HttpStatusCode.BadRequest, "invalid_request_error", "10005", $"invalid param model: {context.Model}"),
        LlmErrorKind.ContextLengthExceeded => new(HttpStatusCode.OK, string.Empty, "10907", "token count exceeds the limit", InBody: true),
        LlmErrorKind.ServerError => new(HttpStatusCode.InternalServerError, "api_error", null, "internal server error"),
        _ => new(HttpStatusCode.BadRequest, "invalid_request_error", "10005", "invalid param max_tokens: 9000"),
    };
}
