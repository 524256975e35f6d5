using ChineseLlm.Client.Conformance;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Providers.Yi;

public sealed class YiConformanceTests : ProviderConformanceTests
{
    protected override string ProviderKey => "yi";

    protected override Uri Endpoint => new(Server.Url + "/v1");

    protected override string ExpectedPath => "/v1/chat/completions";

    protected override string RequestIdHeader => "X-Request-Id";

    protected override ChatFixture PlainChat { get; } = new(
        "chat-plain.json",
        "你好！我是零一万物开发的 Yi 大模型，有什么可以帮你？",
        ExpectedReasoning: null,
        ModelId: "yi-lightning",
        ResponseId: "cmpl-5a3f6c1e",
        InputTokens: 8,
        OutputTokens: 19,
        CachedInputTokens: null,
        ReasoningTokens: null);

    protected override ChatFixture PlainStream { get; } = new(
        "stream-plain.sse",
        "你好！有什么可以帮你？",
        ExpectedReasoning: null,
        ModelId: "yi-lightning",
        ResponseId: "cmpl-7c4e2a90",
        InputTokens: 5,
        OutputTokens: 8,
        CachedInputTokens: null,
        ReasoningTokens: null);

    protected override ToolCallFixture ToolCall { get; } = new(
        "chat-tool-call.json", "call_0_6e1b2c3d", "get_weather", "city", "上海");

    protected override ToolCallFixture StreamingToolCall { get; } = new(
        "stream-tool-call.sse", "call_0_8f2e4a1b", "get_weather", "city", "上海");

    protected override IReadOnlyList<ErrorFixture> Errors { get; } =
    [
        new("error-400-invalid-request.json", 400, LlmErrorKind.InvalidRequest, "invalid_parameter"),
        new("error-400-context-length.json", 400, LlmErrorKind.ContextLengthExceeded, "context_length_exceeded"),
        new("error-401-invalid-api-key.json", 401, LlmErrorKind.Authentication, "invalid_api_key"),
        new("error-404-model-not-found.json", 404, LlmErrorKind.ModelNotFound, "model_not_found"),
        new("error-429-insufficient-quota.json", 429, LlmErrorKind.QuotaExceeded, "insufficient_quota"),
        new("error-429-rate-limit.json", 429, LlmErrorKind.RateLimited, "rate_limit_exceeded"),
    ];

    protected override IChatClient CreateClient(Uri endpoint, Action<ChineseLlmProviderOptions>? configure = null)
    {
        var options = new YiOptions { ApiKey = SecretApiKey, Endpoint = endpoint };
        configure?.Invoke(options);
        return new YiChatClient(options);
    }

    [Fact]
    public async Task GetResponseAsync_InsufficientQuota_IsNotRetried()
    {
        StubFixture("error-429-insufficient-quota.json", 429);
        using var client = CreateClient(Endpoint);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(Hello));

        Assert.Equal(LlmErrorKind.QuotaExceeded, ex.Kind);
        Assert.Single(Server.LogEntries);
    }
}
