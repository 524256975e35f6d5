using ChineseLlm.Client.Providers.Ernie.Wire;

namespace ChineseLlm.Client.Providers.Ernie;

/// <summary>Maps v1 errors: <c>{"error_code","error_msg"}</c> inside HTTP 200 (or <c>code</c>/<c>msg</c>), docs/protocols/ernie.md.</summary>
internal sealed class ErnieV1ErrorMapper : IInBodyErrorMapper
{
    public static readonly ErnieV1ErrorMapper Instance = new();

    private static readonly string[] Headers = ["X-Baidu-Request-Id"];

    private ErnieV1ErrorMapper()
    {
    }

    public string ProviderName => "ernie";

    public IReadOnlyList<string> RequestIdHeaders => Headers;

    /// <summary>Codes 110/111: the access token is invalid or expired; refresh it once and re-send.</summary>
    public static bool IsTokenRejected(long code) => code is 110 or 111;

    public static LlmErrorKind Classify(long code) => code switch
    {
        1 or 2 or 15 or 336000 or 336100 => LlmErrorKind.ServerError,
        4 or 18 or 336501 or 336502 => LlmErrorKind.RateLimited,
        6 or 336004 => LlmErrorKind.PermissionDenied,
        13 or 14 or 100 or 110 or 111 => LlmErrorKind.Authentication,
        17 or 19 => LlmErrorKind.QuotaExceeded,
        3 or 336005 => LlmErrorKind.ModelNotFound,
        _ => LlmErrorKind.InvalidRequest, // 336001–336006, 336101, 336104, 336105 and unknown client errors
    };

    /// <summary>The error a v1 body carries, or <see langword="null"/> when it is a success.</summary>
    public static ChineseLlmException? FromBody(ErnieV1Response body, int statusCode, string? requestId, TimeSpan? retryAfter = null)
    {
        var code = body.ErrorCode ?? (body.Code is { } c and not 0 ? c : null);
        if (code is not { } value)
        {
            return null;
        }

        return new ChineseLlmException(
            "ernie",
            Classify(value),
            body.ErrorMsg ?? body.Msg,
            statusCode,
            value.ToString(CultureInfo.InvariantCulture),
            body.Id ?? requestId,
            retryAfter);
    }

    /// <summary>
    /// The error a successful v1 body carries. Lets the retry pipeline repeat the codes the official SDK retries
    /// (transient kinds: 2, 15, 18, 336100, 336501, 336502 …; docs/protocols/ernie.md, "v1").
    /// </summary>
    public ChineseLlmException? FindInBodyError(ProviderErrorResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (string.IsNullOrWhiteSpace(response.Body))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(response.Body, ErnieJsonContext.Default.ErnieV1Response) is { } body
                ? FromBody(body, response.StatusCode ?? 200, response.RequestId, response.RetryAfter)
                : null;
        }
        catch (JsonException)
        {
            return null; // a truncated large answer, or not Baidu's JSON: not an in-body error
        }
    }

    public ChineseLlmException MapError(ProviderErrorResponse response)
    {
        if (!string.IsNullOrWhiteSpace(response.Body))
        {
            try
            {
                if (JsonSerializer.Deserialize(response.Body, ErnieJsonContext.Default.ErnieV1Response) is { } body &&
                    FromBody(body, response.StatusCode ?? 200, response.RequestId, response.RetryAfter) is { } error)
                {
                    return error;
                }
            }
            catch (JsonException)
            {
                // Not Baidu's JSON: classified by status below.
            }
        }

        return new ChineseLlmException(
            "ernie",
            response.StatusCode is { } s ? OpenAiCompatibleDialect.ClassifyStatus(s) : LlmErrorKind.Protocol,
            ErrorBodyReader.Excerpt(response.Body),
            response.StatusCode,
            errorCode: null,
            response.RequestId,
            response.RetryAfter);
    }
}
