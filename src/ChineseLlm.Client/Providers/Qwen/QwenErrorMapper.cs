using ChineseLlm.Client.Providers.Qwen.Wire;

namespace ChineseLlm.Client.Providers.Qwen;

/// <summary>
/// DashScope's error codes → <see cref="LlmErrorKind"/>, for both protocols (facts: docs/protocols/qwen.md). Reads
/// the flat native body and the OpenAI-enveloped compatible-mode body alike, since each endpoint sometimes answers
/// in the other's shape.
/// </summary>
internal sealed class QwenErrorMapper : IProviderErrorMapper
{
    public static readonly QwenErrorMapper Instance = new();

    private static readonly string[] RequestIdHeaderNames = ["x-request-id"];

    private QwenErrorMapper()
    {
    }

    public string ProviderName => "qwen";

    public IReadOnlyList<string> RequestIdHeaders => RequestIdHeaderNames;

    /// <inheritdoc />
    public ChineseLlmException MapError(ProviderErrorResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        QwenErrorResponse? body = null;
        if (ErrorJson(response.Body) is { IsEmpty: false } json)
        {
            try
            {
                // The 401 capture had no content-type (docs/protocols/qwen.md, "Errors"): parse whatever came.
                body = JsonSerializer.Deserialize(json, QwenJsonContext.Default.QwenErrorResponse);
            }
            catch (JsonException)
            {
                // An HTML gateway page or similar: classified by status below.
            }
        }

        var code = body?.Code ?? body?.Error?.Code;
        var type = body?.Error?.Type;
        var message = body?.Message ?? body?.Error?.Message;
        var requestId = body?.RequestId ?? body?.Id ?? response.RequestId;
        if (code is null && type is null && message is null)
        {
            var byStatus = response.StatusCode is { } s ? OpenAiCompatibleDialect.ClassifyStatus(s) : LlmErrorKind.Protocol;
            return new ChineseLlmException(
                ProviderName, byStatus, ErrorBodyReader.Excerpt(response.Body), response.StatusCode, errorCode: null, requestId, response.RetryAfter);
        }

        return new ChineseLlmException(
            ProviderName, Classify(response.StatusCode, code, type, message), message, response.StatusCode, code ?? type, requestId, response.RetryAfter);
    }

    /// <summary>
    /// Maps an error that arrived inside an HTTP 200 stream (<c>event:error</c>). Quirk (docs/protocols/qwen.md): its real status is only
    /// in the <c>:HTTP_STATUS/nnn</c> comment line, which SSE parsers drop, so the documented status of the code is used.
    /// </summary>
    public ChineseLlmException MapStreamError(string? code, string? message, string? requestId)
    {
        var status = DocumentedStatus(code);
        return new ChineseLlmException(ProviderName, Classify(status, code, type: null, message), message, status, code, requestId);
    }

    /// <summary>
    /// The JSON of an error body: the body itself, or — when DashScope refuses a stream request with its real status
    /// and an SSE body (<c>event:error</c> … <c>data:{code,message,request_id}</c>) — the first <c>data:</c> line, as the
    /// official SDK reads it (docs/protocols/qwen.md, "Errors before a stream starts").
    /// </summary>
    private static ReadOnlySpan<char> ErrorJson(string? body)
    {
        var text = body.AsSpan().Trim();
        if (text.IsEmpty || text[0] is '{' or '[')
        {
            return text;
        }

        foreach (var line in text.EnumerateLines())
        {
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                return line["data:".Length..].Trim();
            }
        }

        return text;
    }

    /// <summary>Classifies by code first (native PascalCase or compatible snake_case), then by message, then by status.</summary>
    internal static LlmErrorKind Classify(int? statusCode, string? code, string? type, string? message)
    {
        var c = code ?? type ?? string.Empty;
        if (Is(c, "DataInspectionFailed", "data_inspection_failed", "IPInfringementSuspect", "CustomRoleBlocked", "FaqRuleBlocked") ||
            Is(type, "data_inspection_failed"))
        {
            return LlmErrorKind.ContentFiltered;
        }

        // Quirk (docs/protocols/qwen.md): arrears is a 400, not a 402/403.
        if (Is(c, "Arrearage", "CommodityNotPurchased", "PrepaidBillOverdue", "PostpaidBillOverdue", "AllocationQuota.FreeTierOnly"))
        {
            return LlmErrorKind.QuotaExceeded;
        }

        if (Is(c, "InvalidApiKey", "invalid_api_key"))
        {
            return LlmErrorKind.Authentication;
        }

        if (Is(c, "ModelNotFound", "model_not_found", "model_not_supported"))
        {
            return LlmErrorKind.ModelNotFound;
        }

        // Quirk (docs/protocols/qwen.md): one code for a passing TPM limit and for an exhausted free quota; only the message tells.
        if (Is(c, "Throttling.AllocationQuota", "insufficient_quota"))
        {
            return MentionsFreeQuota(message) ? LlmErrorKind.QuotaExceeded : LlmErrorKind.RateLimited;
        }

        if (c.StartsWith("Throttling", StringComparison.OrdinalIgnoreCase) ||
            Is(c, "limit_requests", "limit_burst_rate", "LimitRequests", "rate_limit_exceeded"))
        {
            return LlmErrorKind.RateLimited;
        }

        if (Is(c, "RequestTimeOut", "request_timeout"))
        {
            return LlmErrorKind.Timeout;
        }

        if (Is(c, "NOT AUTHORIZED", "access_denied") ||
            c.StartsWith("AccessDenied", StringComparison.OrdinalIgnoreCase) ||
            c.EndsWith(".AccessDenied", StringComparison.OrdinalIgnoreCase))
        {
            return LlmErrorKind.PermissionDenied;
        }

        if (c.StartsWith("InternalError", StringComparison.OrdinalIgnoreCase) ||
            Is(c, "internal_error", "SystemError", "ModelServiceFailed", "ModelServingError", "ModelUnavailable", "ServiceUnavailable"))
        {
            return LlmErrorKind.ServerError;
        }

        if (c.StartsWith("InvalidParameter", StringComparison.OrdinalIgnoreCase) ||
            c.StartsWith("BadRequest", StringComparison.OrdinalIgnoreCase) ||
            Is(c, "invalid_request_error", "invalid_parameter_error", "invalid_value"))
        {
            // A generic code on a 401/403/404/429 (compatible mode sends invalid_request_error widely): the status is sharper.
            if (statusCode is 401 or 403 or 404 or 429)
            {
                return OpenAiCompatibleDialect.ClassifyStatus(statusCode.Value);
            }

            if (MentionsInputTooLong(message))
            {
                return LlmErrorKind.ContextLengthExceeded;
            }

            return message?.Contains("Model not exist", StringComparison.OrdinalIgnoreCase) == true
                ? LlmErrorKind.ModelNotFound
                : LlmErrorKind.InvalidRequest;
        }

        if (MentionsInputTooLong(message))
        {
            return LlmErrorKind.ContextLengthExceeded;
        }

        return statusCode is { } s ? OpenAiCompatibleDialect.ClassifyStatus(s) : LlmErrorKind.ServerError;
    }

    /// <summary>The HTTP status the error-code page lists for a code (docs/protocols/qwen.md), or <see langword="null"/> when unknown.</summary>
    internal static int? DocumentedStatus(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        return code switch
        {
            _ when code.StartsWith("Throttling", StringComparison.OrdinalIgnoreCase) => 429,
            "CommodityNotPurchased" or "PrepaidBillOverdue" or "PostpaidBillOverdue" => 429,
            "InvalidApiKey" or "NOT AUTHORIZED" => 401,
            _ when code.StartsWith("AccessDenied", StringComparison.OrdinalIgnoreCase) || code.EndsWith(".AccessDenied", StringComparison.OrdinalIgnoreCase) => 403,
            "AllocationQuota.FreeTierOnly" => 403,
            "ModelNotFound" => 404,
            "ModelServingError" or "ModelUnavailable" => 503,
            "RequestTimeOut" or "SystemError" or "ModelServiceFailed" => 500,
            _ when code.StartsWith("InternalError", StringComparison.OrdinalIgnoreCase) => 500,
            _ when code.StartsWith("InvalidParameter", StringComparison.OrdinalIgnoreCase) || code.StartsWith("BadRequest", StringComparison.OrdinalIgnoreCase) => 400,
            "DataInspectionFailed" or "Arrearage" or "IPInfringementSuspect" or "CustomRoleBlocked" or "FaqRuleBlocked" => 400,
            _ => null,
        };
    }

    private static bool Is(string? value, params ReadOnlySpan<string> candidates)
    {
        if (value is null)
        {
            return false;
        }

        foreach (var candidate in candidates)
        {
            if (string.Equals(value, candidate, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MentionsFreeQuota(string? message) =>
        message is not null &&
        (message.Contains("Free allocated quota", StringComparison.OrdinalIgnoreCase) ||
         message.Contains("free tier", StringComparison.OrdinalIgnoreCase) ||
         message.Contains("FreeTierOnly", StringComparison.OrdinalIgnoreCase));

    private static bool MentionsInputTooLong(string? message) =>
        message is not null &&
        (message.Contains("Range of input length", StringComparison.OrdinalIgnoreCase) ||
         message.Contains("input length should be", StringComparison.OrdinalIgnoreCase) ||
         message.Contains("maximum context length", StringComparison.OrdinalIgnoreCase) ||
         message.Contains("context length", StringComparison.OrdinalIgnoreCase));
}
