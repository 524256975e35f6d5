using System.Globalization;
using System.Net;
using System.Text.Json;
using ChineseLlm.Client.Testing.Wire.OpenAiStyle;

namespace ChineseLlm.Client.Testing.Wire.Vendors;

/// <summary>
/// MiniMax's OpenAI route (<c>POST {base}/chat/completions</c>): shapes as in <c>tests/Payloads/minimax</c> and
/// docs/protocols/minimax.md — moderation flags on every body and chunk, <c>base_resp</c> on bodies, the message named
/// <c>MiniMax AI</c>, reasoning as <c>reasoning_details</c>, an empty finish delta and a <c>choices:[]</c> usage chunk, and
/// every error inside HTTP 200 as <c>base_resp:{status_code,status_msg}</c> with <c>choices:null</c>.
/// </summary>
internal static class MiniMaxWire
{
    public static readonly OpenAiVendor Facts = new()
    {
        Protocol = SimulatedProtocol.MiniMax,
        DefaultModel = "MiniMax-M2.7",
        NewId = static _ => WireIds.Hex(32),
        NewToolCallId = static (i, _) => "call_function_" + WireIds.Alnum(10) + "_" + (i + 1).ToString(CultureInfo.InvariantCulture),
        ExtraFields = WriteModerationFlags,
        BaseResp = true,
        ReasoningDetails = true,
        MessageName = "MiniMax AI",
        Usage = new() { Reasoning = ReasoningTokens.WhenAny },
        Opener = StreamOpener.None,
        RoleInEveryDelta = true,
        ContentBesideReasoning = BesideValue.Empty,
        EmptyFinishDelta = true,
        UsageChunk = true,
        Errors = Error,
        ErrorEnvelope = new(),
    };

    /// <summary>
    /// Source: tests/Payloads/minimax/error-200-* and the <c>base_resp.status_code</c> table in docs/protocols/minimax.md. MiniMax
    /// has no model-not-found code: an unknown model is 2013 invalid params (fixture error-200-2013-invalid-params.json).
    /// </summary>
    private static ErrorRow Error(ErrorContext context) => context.Kind switch
    {
        LlmErrorKind.Authentication => InBody("1004", "login fail: Please carry the API secret key in the 'Authorization' field of the request header"),
        LlmErrorKind.PermissionDenied => InBody("2061", $"your current token plan not support model, {context.Model}"),
        LlmErrorKind.RateLimited => InBody("1002", "rate limit exceeded(RPM)"),
        LlmErrorKind.QuotaExceeded => InBody("1008", "insufficient balance"),
        LlmErrorKind.ContentFiltered => InBody("1026", "input new_sensitive"),
        LlmErrorKind.ModelNotFound => InBody("2013", $"invalid params, unknown model '{context.Model}'"),
        LlmErrorKind.ContextLengthExceeded => InBody("1039", "token limit"),
        LlmErrorKind.ServerError => InBody("1013", "internal error"),
        _ => InBody("2013", "invalid params, temperature must be in (0, 1]"),
    };

    private static ErrorRow InBody(string code, string message) => new(HttpStatusCode.OK, string.Empty, code, message, InBody: true);

    private static void WriteModerationFlags(Utf8JsonWriter w)
    {
        w.WriteBoolean("input_sensitive", false);
        w.WriteBoolean("output_sensitive", false);
        w.WriteNumber("input_sensitive_type", 0);
        w.WriteNumber("output_sensitive_type", 0);
        w.WriteNumber("output_sensitive_int", 0);
    }
}
