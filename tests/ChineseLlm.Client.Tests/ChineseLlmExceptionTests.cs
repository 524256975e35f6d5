namespace ChineseLlm.Client;

public sealed class ChineseLlmExceptionTests
{
    [Theory]
    [InlineData(LlmErrorKind.RateLimited, true)]
    [InlineData(LlmErrorKind.ServerError, true)]
    [InlineData(LlmErrorKind.Timeout, true)]
    [InlineData(LlmErrorKind.Network, true)]
    [InlineData(LlmErrorKind.Authentication, false)]
    [InlineData(LlmErrorKind.PermissionDenied, false)]
    [InlineData(LlmErrorKind.QuotaExceeded, false)]
    [InlineData(LlmErrorKind.ContentFiltered, false)]
    [InlineData(LlmErrorKind.InvalidRequest, false)]
    [InlineData(LlmErrorKind.ModelNotFound, false)]
    [InlineData(LlmErrorKind.ContextLengthExceeded, false)]
    [InlineData(LlmErrorKind.Protocol, false)]
    [InlineData(LlmErrorKind.BudgetExceeded, false)]
    public void IsTransient_DerivesFromKind(LlmErrorKind kind, bool expected)
    {
        var ex = new ChineseLlmException("deepseek", kind, "x");
        Assert.Equal(expected, ex.IsTransient);
    }

    [Fact]
    public void Message_NamesProviderKindStatusCodeAndRequestId()
    {
        var ex = new ChineseLlmException(
            "kimi", LlmErrorKind.RateLimited, "please try again after 3 seconds", 429, "rate_limit_reached_error", "req-123", TimeSpan.FromSeconds(3));

        Assert.Equal(
            "kimi RateLimited (HTTP 429, code rate_limit_reached_error): please try again after 3 seconds Request id: req-123.",
            ex.Message);
        Assert.Equal("kimi", ex.Provider);
        Assert.Equal(429, ex.StatusCode);
        Assert.Equal("rate_limit_reached_error", ex.ErrorCode);
        Assert.Equal("req-123", ex.RequestId);
        Assert.Equal(TimeSpan.FromSeconds(3), ex.RetryAfter);
    }

    [Fact]
    public void Message_WithoutProviderMessage_DescribesKind()
    {
        var ex = new ChineseLlmException("deepseek", LlmErrorKind.Network, providerMessage: null);
        Assert.Equal("deepseek Network: the connection failed.", ex.Message);
    }
}
