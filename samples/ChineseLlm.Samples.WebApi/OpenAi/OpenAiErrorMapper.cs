using System.Globalization;
using ChineseLlm.Client;

namespace ChineseLlm.Samples.WebApi.OpenAi;

/// <summary>
/// Maps failures to OpenAI-style error bodies and HTTP statuses. This API is a gateway: a provider rejecting the
/// gateway's own credentials is the gateway's fault (502), not the caller's (401).
/// </summary>
public static class OpenAiErrorMapper
{
    public static (int StatusCode, ErrorResponse Body) FromException(ChineseLlmException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var (status, type, code) = exception.Kind switch
        {
            LlmErrorKind.InvalidRequest => (StatusCodes.Status400BadRequest, "invalid_request_error", "invalid_request"),
            LlmErrorKind.ContextLengthExceeded => (StatusCodes.Status400BadRequest, "invalid_request_error", "context_length_exceeded"),
            LlmErrorKind.ContentFiltered => (StatusCodes.Status400BadRequest, "invalid_request_error", "content_filter"),
            LlmErrorKind.ModelNotFound => (StatusCodes.Status404NotFound, "invalid_request_error", "model_not_found"),
            LlmErrorKind.RateLimited => (StatusCodes.Status429TooManyRequests, "rate_limit_error", "rate_limit_exceeded"),
            LlmErrorKind.QuotaExceeded => (StatusCodes.Status429TooManyRequests, "insufficient_quota", "insufficient_quota"),
            LlmErrorKind.BudgetExceeded => (StatusCodes.Status429TooManyRequests, "insufficient_quota", "budget_exceeded"),
            LlmErrorKind.Authentication => (StatusCodes.Status502BadGateway, "server_error", "upstream_authentication_failed"),
            LlmErrorKind.PermissionDenied => (StatusCodes.Status502BadGateway, "server_error", "upstream_permission_denied"),
            LlmErrorKind.Timeout => (StatusCodes.Status504GatewayTimeout, "server_error", "upstream_timeout"),
            LlmErrorKind.Network => (StatusCodes.Status502BadGateway, "server_error", "upstream_unreachable"),
            LlmErrorKind.Protocol => (StatusCodes.Status502BadGateway, "server_error", "upstream_protocol_error"),
            _ => (StatusCodes.Status502BadGateway, "server_error", "upstream_error"),
        };

        return (status, new ErrorResponse
        {
            Error = new ErrorDto
            {
                Message = exception.Message,
                Type = type,
                Code = code,
                Provider = exception.Provider,
                RequestId = exception.RequestId,
            },
        });
    }

    public static ErrorResponse InvalidRequest(string message, string? param) => new()
    {
        Error = new ErrorDto { Message = message, Type = "invalid_request_error", Param = param, Code = "invalid_request" },
    };

    /// <summary>The <c>Retry-After</c> header value for a failure that names a wait, in whole seconds.</summary>
    public static string? RetryAfter(ChineseLlmException exception) =>
        exception?.RetryAfter is { } wait && wait > TimeSpan.Zero
            ? Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture)
            : null;
}
