using ChineseLlm.Client.Providers.Hunyuan.Wire;

namespace ChineseLlm.Client.Providers.Hunyuan;

/// <summary>
/// Maps native Hunyuan (Tencent Cloud API 3.0) errors to <see cref="ChineseLlmException"/>: the
/// <c>Response.Error</c> that arrives with HTTP 200, an <c>ErrorMsg</c> inside a stream, and the rare non-2xx answer
/// of a gateway (facts: docs/protocols/hunyuan.md, tests/Payloads/hunyuan/README.md).
/// </summary>
internal sealed class HunyuanErrorMapper : IProviderErrorMapper
{
    public static readonly HunyuanErrorMapper Instance = new();

    /// <summary>The response header that carries the request id of a (streamed) answer.</summary>
    internal const string RequestIdHeader = "X-TC-RequestId";

    private static readonly string[] RequestIdHeaderNames = [RequestIdHeader];

    private HunyuanErrorMapper()
    {
    }

    public string ProviderName => "hunyuan";

    public IReadOnlyList<string> RequestIdHeaders => RequestIdHeaderNames;

    /// <summary>Maps a non-2xx response (a gateway error page, or an API 3.0 error body with an error status).</summary>
    public ChineseLlmException MapError(ProviderErrorResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        HunyuanChatCompletionsResponse? body = null;
        if (!string.IsNullOrWhiteSpace(response.Body))
        {
            try
            {
                body = JsonSerializer.Deserialize(response.Body.AsSpan().TrimStart(), HunyuanJsonContext.Default.HunyuanResponseEnvelope)?.Response;
            }
            catch (JsonException)
            {
                // Not API 3.0 JSON: classified by status below.
            }
        }

        if (body?.Error is { } error)
        {
            return FromHunyuanError(error, response.StatusCode, body.RequestId ?? response.RequestId, response.RetryAfter);
        }

        var kind = response.StatusCode is { } status ? OpenAiCompatibleDialect.ClassifyStatus(status) : LlmErrorKind.Protocol;
        return new ChineseLlmException(
            ProviderName, kind, ErrorBodyReader.Excerpt(response.Body), response.StatusCode, errorCode: null, response.RequestId, response.RetryAfter);
    }

    /// <summary>Maps a <c>Response.Error</c>.</summary>
    public ChineseLlmException FromHunyuanError(HunyuanError error, int? statusCode, string? requestId, TimeSpan? retryAfter = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new ChineseLlmException(
            ProviderName, Classify(error.Code, error.Message), error.Message, statusCode, error.Code, requestId, retryAfter);
    }

    /// <summary>Maps an <c>ErrorMsg</c> reported inside a stream (the SDK documents 4000 internal error, 4001 model timeout).</summary>
    public ChineseLlmException FromStreamError(HunyuanErrorMsg error, string? requestId)
    {
        ArgumentNullException.ThrowIfNull(error);
        var kind = error.Code == 4001 ? LlmErrorKind.Timeout : LlmErrorKind.ServerError;
        return new ChineseLlmException(
            ProviderName, kind, error.Msg, statusCode: 200, error.Code?.ToString(System.Globalization.CultureInfo.InvariantCulture), requestId);
    }

    /// <summary>Classifies an API 3.0 error code (errorcodes.py of hunyuan v20230901 and the API 3.0 common codes).</summary>
    internal static LlmErrorKind Classify(string? code, string? message)
    {
        if (string.IsNullOrEmpty(code))
        {
            return LlmErrorKind.Protocol;
        }

        switch (code)
        {
            case "AuthFailure.UnauthorizedOperation":
                return LlmErrorKind.PermissionDenied;
            case "FailedOperation.EngineServerLimitExceeded":
                return LlmErrorKind.RateLimited;
            case "FailedOperation.EngineServerError" or "FailedOperation.ConsoleServerError" or "ServiceUnavailable":
                return LlmErrorKind.ServerError;
            case "FailedOperation.EngineRequestTimeout" or "RequestTimeout":
                return LlmErrorKind.Timeout;
            case "FailedOperation.ResourcePackExhausted" or "FailedOperation.FreeResourcePackExhausted" or "FailedOperation.ServiceStopArrears"
                or "ResourceInsufficient.ChargeResourceExhaust" or "ResourceUnavailable.InArrears" or "ResourceUnavailable.LowBalance":
                return LlmErrorKind.QuotaExceeded;
            case "FailedOperation.ServiceNotActivated" or "FailedOperation.ServiceStop" or "ResourceUnavailable.StopUsing"
                or "ResourceUnavailable.NotExist" or "FailedOperation.UserUnAuthError" or "FailedOperation.PartnerAccountUnSupport":
                return LlmErrorKind.PermissionDenied;
            case "InvalidParameterValue.Model":
                return LlmErrorKind.ModelNotFound;
            case "OperationDenied.TextIllegalDetected" or "OperationDenied.ImageIllegalDetected" or "FailedOperation.GenerateImageFailed":
                return LlmErrorKind.ContentFiltered;
            case "RequestSizeLimitExceeded":
                return LlmErrorKind.ContextLengthExceeded;
            case "LimitExceeded":
                // "超过配额限制" is ambiguous: a rate limit unless the message says the quota is used up.
                return MentionsExhaustedQuota(message) ? LlmErrorKind.QuotaExceeded : LlmErrorKind.RateLimited;
        }

        if (code.StartsWith("AuthFailure", StringComparison.Ordinal))
        {
            return LlmErrorKind.Authentication; // SignatureFailure, SignatureExpire, SecretIdNotFound, InvalidSecretId, …
        }

        if (code.StartsWith("RequestLimitExceeded", StringComparison.Ordinal))
        {
            return LlmErrorKind.RateLimited;
        }

        if (code.StartsWith("UnauthorizedOperation", StringComparison.Ordinal))
        {
            return LlmErrorKind.PermissionDenied;
        }

        if (code.StartsWith("InternalError", StringComparison.Ordinal))
        {
            return LlmErrorKind.ServerError;
        }

        if (code.StartsWith("InvalidParameter", StringComparison.Ordinal) || code.StartsWith("MissingParameter", StringComparison.Ordinal) ||
            code.StartsWith("UnknownParameter", StringComparison.Ordinal) || code is "InvalidAction" or "InvalidRequest" or "UnsupportedOperation"
            or "UnsupportedRegion" or "UnsupportedProtocol" or "NoSuchVersion" or "ResourceNotFound")
        {
            return LooksLikeContextLength(message) ? LlmErrorKind.ContextLengthExceeded : LlmErrorKind.InvalidRequest;
        }

        // An unknown FailedOperation.* is the service's failure; anything else unknown is a rejected request.
        return code.StartsWith("FailedOperation", StringComparison.Ordinal) ? LlmErrorKind.ServerError : LlmErrorKind.InvalidRequest;
    }

    private static bool MentionsExhaustedQuota(string? message) =>
        message is not null &&
        (message.Contains("用尽", StringComparison.Ordinal) || message.Contains("耗尽", StringComparison.Ordinal) ||
         message.Contains("欠费", StringComparison.Ordinal) || message.Contains("余额", StringComparison.Ordinal) ||
         message.Contains("exhausted", StringComparison.OrdinalIgnoreCase) || message.Contains("balance", StringComparison.OrdinalIgnoreCase));

    private static bool LooksLikeContextLength(string? message) =>
        message is not null &&
        (message.Contains("context length", StringComparison.OrdinalIgnoreCase) ||
         message.Contains("maximum context", StringComparison.OrdinalIgnoreCase) ||
         message.Contains("输入长度", StringComparison.Ordinal) ||
         message.Contains("超过最大长度", StringComparison.Ordinal));
}
