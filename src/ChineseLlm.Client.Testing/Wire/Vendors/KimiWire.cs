using System.Globalization;
using System.Net;
using ChineseLlm.Client.Testing.Wire.OpenAiStyle;

namespace ChineseLlm.Client.Testing.Wire.Vendors;

/// <summary>
/// Moonshot Kimi (<c>POST {base}/chat/completions</c>): shapes as in <c>tests/Payloads/kimi</c> and
/// docs/protocols/kimi.md — <c>usage.cached_tokens</c> at the top of usage, stream usage inside
/// <c>choices[0]</c> on the finish chunk, plus a <c>choices:[]</c> usage chunk only with include_usage.
/// </summary>
internal static class KimiWire
{
    public static readonly OpenAiVendor Facts = new()
    {
        Protocol = SimulatedProtocol.Kimi,
        DefaultModel = "kimi-k2.6",
        NewId = static _ => "chatcmpl-" + WireIds.Hex(16),
        NewToolCallId = static (i, call) => call.Name + ":" + i.ToString(CultureInfo.InvariantCulture),
        RequestIdHeader = "msh-request-id",
        RequestId = static _ => WireIds.Hex(32),
        JsonContentType = WireDialect.JsonUtf8Type,
        ToolCallIndexInMessage = true,
        NullRefusalBesideReasoning = true,
        Usage = new() { Cached = CachedTokens.TopLevel },

        // Quirk (docs/protocols/kimi.md §1.6): the finish chunk always carries the usage inside the choice; with include_usage
        // a separate choices:[] chunk adds the request total (never add the two together).
        EmptyFinishDelta = true,
        StreamUsage = StreamUsage.FinishChoice,
        NullUsage = NullUsage.WithIncludeUsage,
        UsageChunk = true,
        Errors = Error,
        ErrorEnvelope = new() { Code = false },
    };

    /// <summary>Source: tests/Payloads/kimi and the error table in docs/protocols/kimi.md §1.11 (platform.kimi.com/docs/api/errors).</summary>
    private static ErrorRow Error(ErrorContext context)
    {
        var wait = (long)Math.Max(1, Math.Ceiling(context.RetryAfter?.TotalSeconds ?? 1));
        return context.Kind switch
        {
            LlmErrorKind.Authentication => new(HttpStatusCode.Unauthorized, "invalid_authentication_error", null, "Invalid Authentication"),
            LlmErrorKind.PermissionDenied => new(HttpStatusCode.Forbidden, "permission_denied_error", null, "The API you are accessing is not open"),
            LlmErrorKind.RateLimited => new((HttpStatusCode)429, "rate_limit_reached_error", null, string.Create(CultureInfo.InvariantCulture, $"Your account org-3f9c2a1b7d<ak-8e41d0c2> request reached organization max concurrency: 50, please try again after {wait} seconds")),
            LlmErrorKind.QuotaExceeded => new((HttpStatusCode)429, "exceeded_current_quota_error", null, "You exceeded your current token quota: <org-3f9c2a1b7d> 0, please check your account balance"),
            LlmErrorKind.ContentFiltered => new(HttpStatusCode.BadRequest, "content_filter", null, "The request was rejected because it was considered high risk"),
            LlmErrorKind.ModelNotFound => new(HttpStatusCode.NotFound, "resource_not_found_error", null, $"Not found the model {context.Model} or Permission denied"),
            LlmErrorKind.ContextLengthExceeded => new(HttpStatusCode.BadRequest, "invalid_request_error", null, "Your request exceeded model token limit : 262144"),
            LlmErrorKind.ServerError => new(HttpStatusCode.InternalServerError, "unexpected_output", null, "invalid state transition"),
            _ => new(HttpStatusCode.BadRequest, "invalid_request_error", null, "Invalid request: invalid temperature: only 1 is allowed for this model"),
        };
    }
}
