using ChineseLlm.Client.Http;
using ChineseLlm.Client.Conformance;
using ChineseLlm.Client.OpenAiCompatible;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Providers.StepFun;

/// <summary>StepFun over real HTTP (facts: docs/protocols/stepfun.md; fixtures: tests/Payloads/stepfun/README.md).</summary>
public sealed class StepFunConformanceTests : ProviderConformanceTests
{
    protected override string ProviderKey => "stepfun";

    protected override Uri Endpoint => new(Server.Url + "/v1");

    protected override string ExpectedPath => "/v1/chat/completions";

    protected override string RequestIdHeader => "X-Request-Id";

    protected override ChatFixture PlainChat { get; } = new(
        "chat-plain.json",
        "你好！我是阶跃星辰的 Step 大模型，有什么可以帮你？",
        ExpectedReasoning: "用户在打招呼，简单介绍自己即可。",
        ModelId: "step-3.7-flash",
        ResponseId: "b7b56af0-52a6-483f-a589-948182676a1b",
        InputTokens: 83,
        OutputTokens: 36,
        CachedInputTokens: 64,
        ReasoningTokens: null);

    protected override ChatFixture PlainStream { get; } = new(
        "stream-plain.sse",
        "你好！有什么可以帮你？",
        ExpectedReasoning: "打个招呼。",
        ModelId: "step-3.7-flash",
        ResponseId: "e3a8c6d2-1b4f-4a7e-8c90-5f2d7b1a3e64",
        InputTokens: 12,
        OutputTokens: 9,
        CachedInputTokens: 0,
        ReasoningTokens: null);

    protected override ToolCallFixture ToolCall { get; } = new(
        "chat-tool-call.json", "call_7d2f9a41c3e84b6e", "get_weather", "city", "上海");

    protected override ToolCallFixture StreamingToolCall { get; } = new(
        "stream-tool-call.sse", "call_5e8a1c2f9b3d4e70", "get_weather", "city", "上海");

    protected override IReadOnlyList<ErrorFixture> Errors { get; } =
    [
        new("error-400-invalid-request.json", 400, LlmErrorKind.InvalidRequest, "invalid_request_error"),
        new("error-401-invalid-api-key.json", 401, LlmErrorKind.Authentication, "invalid_api_key"),
        new("error-402-insufficient-balance.json", 402, LlmErrorKind.QuotaExceeded, "insufficient_balance"),
        new("error-404-model-not-found.json", 404, LlmErrorKind.ModelNotFound, "model_not_found"),
        new("error-429-rate-limit.json", 429, LlmErrorKind.RateLimited, "rate_limit_exceeded"),
    ];

    protected override IChatClient CreateClient(Uri endpoint, Action<ChineseLlmProviderOptions>? configure = null)
    {
        var options = new StepFunOptions { ApiKey = SecretApiKey, Endpoint = endpoint };
        configure?.Invoke(options);
        return OpenAiCompatibleChatClientFactory.Create(StepFunDialect.Instance, options, authenticator: null, ProviderServices.From(httpClient: null, services: null));
    }

    [Fact]
    public async Task GetResponseAsync_InsufficientBalance_IsNotRetried()
    {
        StubFixture("error-402-insufficient-balance.json", 402);
        using var client = CreateClient(Endpoint);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(Hello));

        Assert.Equal(LlmErrorKind.QuotaExceeded, ex.Kind);
        Assert.Single(Server.LogEntries);
    }
}
