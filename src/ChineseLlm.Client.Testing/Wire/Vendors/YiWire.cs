using System.Globalization;
using System.Net;
using ChineseLlm.Client.Testing.Wire.OpenAiStyle;

namespace ChineseLlm.Client.Testing.Wire.Vendors;

/// <summary>
/// 01.AI Yi (<c>POST {base}/chat/completions</c>): plain OpenAI Chat Completions as in <c>tests/Payloads/yi</c> and
/// docs/protocols/yi.md — a role-only opening chunk (<c>content: null</c> before tool calls), an empty finish delta with
/// the usage beside it, and the full OpenAI error envelope.
/// </summary>
internal static class YiWire
{
    public static readonly OpenAiVendor Facts = new()
    {
        Protocol = SimulatedProtocol.Yi,
        DefaultModel = "yi-lightning",
        NewId = static _ => "cmpl-" + WireIds.Hex(8),
        NewToolCallId = static (i, _) => "call_" + i.ToString(CultureInfo.InvariantCulture) + "_" + WireIds.Hex(8),
        ContentWithToolCalls = BesideValue.Null,
        Usage = new(),
        Opener = StreamOpener.RoleOnlyChunk,
        EmptyFinishDelta = true,
        StreamUsage = StreamUsage.FinishChunk,
        Errors = Error,
        ErrorEnvelope = new() { Param = ErrorEnvelope.NullParam },
    };

    /// <summary>
    /// Source: tests/Payloads/yi/error-* (OpenAI's codes, docs/protocols/yi.md). No permission, moderation or server error is
    /// documented; those rows use OpenAI's codes under the fitting status (a moderation rejection is then a plain 400).
    /// </summary>
    private static ErrorRow Error(ErrorContext context) => context.Kind switch
    {
        LlmErrorKind.Authentication => new(HttpStatusCode.Unauthorized, "invalid_request_error", "invalid_api_key", "Incorrect API key provided"),
        LlmErrorKind.PermissionDenied => new(HttpStatusCode.Forbidden, "permission_error", "permission_denied", "You do not have access to this resource"),
        LlmErrorKind.RateLimited => new((HttpStatusCode)429, "rate_limit_error", "rate_limit_exceeded", "Rate limit reached for requests, please try again later"),
        LlmErrorKind.QuotaExceeded => new((HttpStatusCode)429, "insufficient_quota", "insufficient_quota", "You exceeded your current quota, please check your plan and billing details"),
        LlmErrorKind.ContentFiltered => new(HttpStatusCode.BadRequest, "invalid_request_error", "invalid_parameter", "The input was rejected by the content filter"),
        LlmErrorKind.ModelNotFound => new(HttpStatusCode.NotFound, "invalid_request_error", "model_not_found", $"The model `{context.Model}` does not exist"),
        LlmErrorKind.ContextLengthExceeded => new(HttpStatusCode.BadRequest, "invalid_request_error", "context_length_exceeded", "This model's maximum context length is 16384 tokens"),
        LlmErrorKind.ServerError => new(HttpStatusCode.InternalServerError, "server_error", null, "The server had an error while processing your request"),
        _ => new(HttpStatusCode.BadRequest, "invalid_request_error", "invalid_parameter", "temperature must be between 0 and 2"),
    };
}
