using ChineseLlm.Client.Http;
using ChineseLlm.Client.Providers.Hunyuan.Wire;

namespace ChineseLlm.Client.Providers.Hunyuan;

public sealed class HunyuanErrorMapperTests
{
    [Theory]
    [InlineData("AuthFailure.InvalidSecretId", LlmErrorKind.Authentication)]
    [InlineData("AuthFailure.TokenFailure", LlmErrorKind.Authentication)]
    [InlineData("ResourceInsufficient.ChargeResourceExhaust", LlmErrorKind.QuotaExceeded)]
    [InlineData("ResourceUnavailable.LowBalance", LlmErrorKind.QuotaExceeded)]
    [InlineData("FailedOperation.ServiceStop", LlmErrorKind.PermissionDenied)]
    [InlineData("ResourceUnavailable.StopUsing", LlmErrorKind.PermissionDenied)]
    [InlineData("ResourceUnavailable.NotExist", LlmErrorKind.PermissionDenied)]
    [InlineData("FailedOperation.UserUnAuthError", LlmErrorKind.PermissionDenied)]
    [InlineData("UnauthorizedOperation.NoPermission", LlmErrorKind.PermissionDenied)]
    [InlineData("InvalidParameterValue.ParameterValueError", LlmErrorKind.InvalidRequest)]
    [InlineData("InvalidParameter.InvalidParameter", LlmErrorKind.InvalidRequest)]
    [InlineData("MissingParameter", LlmErrorKind.InvalidRequest)]
    [InlineData("OperationDenied.ImageIllegalDetected", LlmErrorKind.ContentFiltered)]
    [InlineData("RequestLimitExceeded.UinLimitExceeded", LlmErrorKind.RateLimited)]
    [InlineData("InternalError.ServiceError", LlmErrorKind.ServerError)]
    [InlineData("FailedOperation.SomethingNew", LlmErrorKind.ServerError)]
    [InlineData("RequestSizeLimitExceeded", LlmErrorKind.ContextLengthExceeded)]
    [InlineData("ServiceUnavailable", LlmErrorKind.ServerError)]
    public void Classify_CodesWithoutAFixture_MapToTheirKind(string code, LlmErrorKind expected)
    {
        Assert.Equal(expected, HunyuanErrorMapper.Classify(code, "x"));
    }

    [Theory]
    [InlineData("超过配额限制。", LlmErrorKind.RateLimited)]
    [InlineData("免费额度已用尽，请开通后付费。", LlmErrorKind.QuotaExceeded)]
    [InlineData("The free quota is exhausted.", LlmErrorKind.QuotaExceeded)]
    public void Classify_LimitExceeded_IsRateLimitedUnlessTheQuotaIsUsedUp(string message, LlmErrorKind expected)
    {
        Assert.Equal(expected, HunyuanErrorMapper.Classify("LimitExceeded", message));
    }

    [Fact]
    public void MapError_HtmlGatewayPage_ClassifiesByStatusWithExcerpt()
    {
        var ex = HunyuanErrorMapper.Instance.MapError(new ProviderErrorResponse(503, "<html>busy</html>", "rid", TimeSpan.FromSeconds(2)));

        Assert.Equal(LlmErrorKind.ServerError, ex.Kind);
        Assert.Equal(503, ex.StatusCode);
        Assert.Equal("rid", ex.RequestId);
        Assert.Equal(TimeSpan.FromSeconds(2), ex.RetryAfter);
        Assert.Equal("<html>busy</html>", ex.ProviderMessage);
    }

    [Fact]
    public void MapError_ApiErrorBodyWith429_PrefersTheBodyRequestId()
    {
        var ex = HunyuanErrorMapper.Instance.MapError(new ProviderErrorResponse(
            429, """{"Response":{"Error":{"Code":"RequestLimitExceeded","Message":"请求的次数超过了频率限制。"},"RequestId":"body-rid"}}""", "header-rid", null));

        Assert.Equal(LlmErrorKind.RateLimited, ex.Kind);
        Assert.Equal("body-rid", ex.RequestId);
        Assert.Equal("RequestLimitExceeded", ex.ErrorCode);
    }

    [Theory]
    [InlineData(4000, LlmErrorKind.ServerError)]
    [InlineData(4001, LlmErrorKind.Timeout)]
    public void FromStreamError_DocumentedCodes_AreTransient(long code, LlmErrorKind expected)
    {
        var ex = HunyuanErrorMapper.Instance.FromStreamError(new HunyuanErrorMsg { Code = code, Msg = "x" }, "rid");

        Assert.Equal(expected, ex.Kind);
        Assert.True(ex.IsTransient);
        Assert.Equal("rid", ex.RequestId);
    }
}
