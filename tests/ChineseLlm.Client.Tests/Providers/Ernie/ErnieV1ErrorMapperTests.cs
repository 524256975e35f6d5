using ChineseLlm.Client.Http;

namespace ChineseLlm.Client.Providers.Ernie;

public sealed class ErnieV1ErrorMapperTests
{
    [Theory]
    [InlineData(1, "Unknown error", LlmErrorKind.ServerError)]
    [InlineData(2, "Service temporarily unavailable", LlmErrorKind.ServerError)]
    [InlineData(3, "Unsupported openapi method", LlmErrorKind.ModelNotFound)]
    [InlineData(4, "Open api request limit reached", LlmErrorKind.RateLimited)]
    [InlineData(6, "No permission to access data", LlmErrorKind.PermissionDenied)]
    [InlineData(13, "Get service token failed", LlmErrorKind.Authentication)]
    [InlineData(14, "IAM Certification failed", LlmErrorKind.Authentication)]
    [InlineData(15, "app not exists or create failed", LlmErrorKind.ServerError)]
    [InlineData(17, "Open api daily request limit reached", LlmErrorKind.QuotaExceeded)]
    [InlineData(18, "Open api qps request limit reached", LlmErrorKind.RateLimited)]
    [InlineData(19, "Open api total request limit reached", LlmErrorKind.QuotaExceeded)]
    [InlineData(100, "Invalid parameter", LlmErrorKind.Authentication)]
    [InlineData(110, "Access token invalid or no longer valid", LlmErrorKind.Authentication)]
    [InlineData(111, "Access token expired", LlmErrorKind.Authentication)]
    [InlineData(336000, "Internal error", LlmErrorKind.ServerError)]
    [InlineData(336001, "Invalid argument", LlmErrorKind.InvalidRequest)]
    [InlineData(336003, "Invalid parameter", LlmErrorKind.InvalidRequest)]
    [InlineData(336004, "Permission error", LlmErrorKind.PermissionDenied)]
    [InlineData(336005, "API name not exist", LlmErrorKind.ModelNotFound)]
    [InlineData(336006, "the length of messages must be an odd number", LlmErrorKind.InvalidRequest)]
    [InlineData(336100, "try again later", LlmErrorKind.ServerError)]
    [InlineData(336104, "invalid system", LlmErrorKind.InvalidRequest)]
    [InlineData(336501, "Rate limit reached for RPM", LlmErrorKind.RateLimited)]
    [InlineData(336502, "Rate limit reached for TPM", LlmErrorKind.RateLimited)]
    public void MapError_V1ErrorCodes_MatchTheErrorPage(int code, string message, LlmErrorKind expected)
    {
        var ex = ErnieV1ErrorMapper.Instance.MapError(new ProviderErrorResponse(200, $$"""{"error_code":{{code}},"error_msg":"{{message}}"}""", "hdr-1", null));

        Assert.Equal(expected, ex.Kind);
        Assert.Equal(code.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.ErrorCode);
        Assert.Equal(200, ex.StatusCode);
        Assert.Equal("hdr-1", ex.RequestId);
        Assert.Equal(message, ex.ProviderMessage);
    }

    [Fact]
    public void MapError_RateLimitDocSpelling_CodeAndMsgAreRead()
    {
        var ex = ErnieV1ErrorMapper.Instance.MapError(new ProviderErrorResponse(200, """{"code":336501,"msg":"Rate limit reached for RPM"}""", null, null));

        Assert.Equal(LlmErrorKind.RateLimited, ex.Kind);
        Assert.Equal("336501", ex.ErrorCode);
        Assert.True(ex.IsTransient);
    }

    [Fact]
    public void MapError_GatewayPage_ClassifiesByStatus()
    {
        var ex = ErnieV1ErrorMapper.Instance.MapError(new ProviderErrorResponse(502, "<html>bad gateway</html>", null, null));

        Assert.Equal(LlmErrorKind.ServerError, ex.Kind);
        Assert.Null(ex.ErrorCode);
    }
}
