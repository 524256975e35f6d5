using ChineseLlm.Client.Http;

namespace ChineseLlm.Client.Providers.Qwen;

public sealed class QwenErrorMapperTests
{
    [Theory]
    [InlineData(400, "InvalidParameter", "Role must be user or assistant", LlmErrorKind.InvalidRequest)]
    [InlineData(400, "InvalidParameter", "Range of input length should be [1, 129024]", LlmErrorKind.ContextLengthExceeded)]
    [InlineData(400, "InvalidParameter", "Model not exist.", LlmErrorKind.ModelNotFound)]
    [InlineData(400, "InvalidParameter.NotSupportEnableThinking", "The model x does not support enable_thinking.", LlmErrorKind.InvalidRequest)]
    [InlineData(400, "DataInspectionFailed", "Input data may contain inappropriate content.", LlmErrorKind.ContentFiltered)]
    [InlineData(400, "IPInfringementSuspect", "x", LlmErrorKind.ContentFiltered)]
    [InlineData(400, "Arrearage", "Access denied, please make sure your account is in good standing.", LlmErrorKind.QuotaExceeded)]
    [InlineData(400, "BadRequest.EmptyInput", "x", LlmErrorKind.InvalidRequest)]
    [InlineData(401, "InvalidApiKey", "Invalid API-key provided.", LlmErrorKind.Authentication)]
    [InlineData(401, "NOT AUTHORIZED", "x", LlmErrorKind.PermissionDenied)]
    [InlineData(403, "AccessDenied", "Access denied.", LlmErrorKind.PermissionDenied)]
    [InlineData(403, "AccessDenied.Unpurchased", "x", LlmErrorKind.PermissionDenied)]
    [InlineData(403, "Model.AccessDenied", "x", LlmErrorKind.PermissionDenied)]
    [InlineData(403, "AllocationQuota.FreeTierOnly", "x", LlmErrorKind.QuotaExceeded)]
    [InlineData(404, "ModelNotFound", "The model x does not exist.", LlmErrorKind.ModelNotFound)]
    [InlineData(408, "RequestTimeOut", "Request timed out", LlmErrorKind.Timeout)]
    [InlineData(429, "Throttling", "Requests throttling triggered.", LlmErrorKind.RateLimited)]
    [InlineData(429, "Throttling.RateQuota", "Requests rate limit exceeded, please try again later.", LlmErrorKind.RateLimited)]
    [InlineData(429, "Throttling.BurstRate", "Request rate increased too quickly", LlmErrorKind.RateLimited)]
    [InlineData(429, "Throttling.AllocationQuota", "Allocated quota exceeded, please increase your quota limit.", LlmErrorKind.RateLimited)]
    [InlineData(429, "Throttling.AllocationQuota", "Free allocated quota exceeded.", LlmErrorKind.QuotaExceeded)]
    [InlineData(429, "PrepaidBillOverdue", "x", LlmErrorKind.QuotaExceeded)]
    [InlineData(500, "InternalError", "An internal error has occured", LlmErrorKind.ServerError)]
    [InlineData(500, "InternalError.Algo", "x", LlmErrorKind.ServerError)]
    [InlineData(503, "ModelServingError", "Too many requests", LlmErrorKind.ServerError)]
    [InlineData(503, "ModelUnavailable", "Model is unavailable", LlmErrorKind.ServerError)]
    public void MapError_NativeFlatBody_ClassifiesByCode(int status, string code, string message, LlmErrorKind expected)
    {
        var body = $$"""{"code":"{{code}}","message":"{{message}}","request_id":"rid-1"}""";

        var ex = QwenErrorMapper.Instance.MapError(new ProviderErrorResponse(status, body, "header-id", null));

        Assert.Equal(expected, ex.Kind);
        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal("rid-1", ex.RequestId);
        Assert.Equal(message, ex.ProviderMessage);
    }

    [Theory]
    [InlineData(401, "invalid_api_key", "invalid_request_error", "Incorrect API key provided. ", LlmErrorKind.Authentication)]
    [InlineData(400, "data_inspection_failed", "data_inspection_failed", "Input text data may contain inappropriate content.", LlmErrorKind.ContentFiltered)]
    [InlineData(429, "insufficient_quota", "insufficient_quota", "Allocated quota exceeded, please increase your quota limit.", LlmErrorKind.RateLimited)]
    [InlineData(429, "insufficient_quota", "insufficient_quota", "Free allocated quota exceeded.", LlmErrorKind.QuotaExceeded)]
    [InlineData(429, "limit_requests", "limit_requests", "Requests rate limit exceeded", LlmErrorKind.RateLimited)]
    [InlineData(404, "model_not_supported", "invalid_request_error", "Unsupported model x for OpenAI compatibility mode.", LlmErrorKind.ModelNotFound)]
    [InlineData(403, "access_denied", "access_denied", "Access denied.", LlmErrorKind.PermissionDenied)]
    [InlineData(400, "Arrearage", "Arrearage", "Access denied, please make sure your account is in good standing.", LlmErrorKind.QuotaExceeded)]
    [InlineData(401, "invalid_request_error", "invalid_request_error", "Incorrect API key provided.", LlmErrorKind.Authentication)]
    [InlineData(500, "internal_error", "internal_error", "x", LlmErrorKind.ServerError)]
    public void MapError_CompatibleEnvelope_ClassifiesByCodeThenMessage(int status, string code, string type, string message, LlmErrorKind expected)
    {
        var body = $$"""{"error":{"message":"{{message}}","type":"{{type}}","param":null,"code":"{{code}}"},"request_id":"rid-2"}""";

        var ex = QwenErrorMapper.Instance.MapError(new ProviderErrorResponse(status, body, null, null));

        Assert.Equal(expected, ex.Kind);
        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal("rid-2", ex.RequestId);
    }

    [Fact]
    public void MapError_HtmlGatewayPage_ClassifiesByStatusWithExcerpt()
    {
        var ex = QwenErrorMapper.Instance.MapError(new ProviderErrorResponse(502, "<html>Bad Gateway</html>", "hdr-1", null));

        Assert.Equal(LlmErrorKind.ServerError, ex.Kind);
        Assert.Null(ex.ErrorCode);
        Assert.Equal("hdr-1", ex.RequestId);
        Assert.Equal("<html>Bad Gateway</html>", ex.ProviderMessage);
    }

    [Fact]
    public void MapError_BodyWithoutRequestId_FallsBackToHeader()
    {
        var ex = QwenErrorMapper.Instance.MapError(new ProviderErrorResponse(
            400, """{"error":{"code":"data_inspection_failed","param":null,"message":"m","type":"data_inspection_failed"}}""", "hdr-7", null));

        Assert.Equal("hdr-7", ex.RequestId);
    }

    [Theory]
    [InlineData("InvalidParameter", 400)]
    [InlineData("Arrearage", 400)]
    [InlineData("InvalidApiKey", 401)]
    [InlineData("AccessDenied", 403)]
    [InlineData("ModelNotFound", 404)]
    [InlineData("Throttling.AllocationQuota", 429)]
    [InlineData("InternalError.Algo", 500)]
    [InlineData("ModelUnavailable", 503)]
    [InlineData("SomethingNew", null)]
    public void DocumentedStatus_KnownCodes_MatchTheErrorPage(string code, int? status) =>
        Assert.Equal(status, QwenErrorMapper.DocumentedStatus(code));
}
