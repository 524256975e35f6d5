using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Providers.Qwen;

/// <summary>Native DashScope behaviours checked against the official SDKs (docs/protocols/qwen.md, "Differences found").</summary>
public sealed class QwenNativeFidelityTests : VendorWireTests
{
    protected override string PayloadFolder => "qwen";

    private static List<ChatMessage> Hello => [new(ChatRole.User, "你好")];

    private QwenChatClient CreateClient(int maxRetries = 2) =>
        new(new QwenOptions { ApiKey = SecretApiKey, Endpoint = new Uri(Server.Url + "/api/v1"), MaxRetryAttempts = maxRetries });

    /// <summary>
    /// DashScope refuses a stream request with the real status and an SSE error body; the SDK takes code, message and
    /// request_id from its data line (dashscope-sdk-python dashscope/common/utils.py, _handle_http_failed_response).
    /// </summary>
    [Theory]
    [InlineData("native-stream-refused-400-arrearage.sse", 400, LlmErrorKind.QuotaExceeded, "Arrearage", "3c1f8e27-5a9d-9b40-8e6f-1d2a7c4b9e05")]
    [InlineData("native-stream-refused-429-free-quota.sse", 429, LlmErrorKind.QuotaExceeded, "Throttling.AllocationQuota", "8e4b2d19-7c6a-9f35-b1e0-5a3d9c7f2b46")]
    [InlineData("native-stream-refused-429-rate-quota.sse", 429, LlmErrorKind.RateLimited, "Throttling.RateQuota", "f2a6c9d4-3b8e-9a17-c5d0-6e1b4f8a2c73")]
    public async Task GetStreamingResponseAsync_RefusedWithSseErrorBody_KeepsCodeRequestIdAndKind(
        string file, int status, LlmErrorKind kind, string code, string requestId)
    {
        Serve(file, status, "text/event-stream;charset=UTF-8", "x-request-id");
        using var client = CreateClient(maxRetries: 0);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(async () => await client.GetStreamingResponseAsync(Hello).ToListAsync());

        Assert.Equal(kind, ex.Kind);
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal(requestId, ex.RequestId);
        Assert.DoesNotContain("data:", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>A free-quota 429 with an SSE body is a billing stop: one attempt, no retry.</summary>
    [Fact]
    public async Task GetStreamingResponseAsync_FreeQuota429WithSseBody_IsNotRetried()
    {
        Serve("native-stream-refused-429-free-quota.sse", 429, "text/event-stream;charset=UTF-8");
        using var client = CreateClient(maxRetries: 2);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(async () => await client.GetStreamingResponseAsync(Hello).ToListAsync());

        Assert.Equal(LlmErrorKind.QuotaExceeded, ex.Kind);
        Assert.False(ex.IsTransient);
        Assert.Single(Server.LogEntries);
    }
}
