using ChineseLlm.Client.Conformance;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Providers.Pangu;

public sealed class PanguConformanceTests : ProviderConformanceTests
{
    protected override string ProviderKey => "pangu";

    protected override Uri Endpoint => new(Server.Url + "/api/v2");

    protected override string ExpectedPath => "/api/v2/chat/completions";

    protected override string RequestIdHeader => "X-Request-Id";

    protected override ChatFixture PlainChat { get; } = new(
        "chat-plain.json",
        "你好!有什么我可以帮助你的吗?",
        ExpectedReasoning: null,
        ModelId: "pangu-nlp-n1-32k_kpyq10",
        ResponseId: "chat-3f7d8e038f244ae5b7cb0cecf352e154",
        InputTokens: 64,
        OutputTokens: 9,
        CachedInputTokens: null,
        ReasoningTokens: null);

    protected override ChatFixture PlainStream { get; } = new(
        "stream-plain.sse",
        "你好!很高兴见到你。",
        ExpectedReasoning: null,
        ModelId: "pangu-nlp-n2-128k",
        ResponseId: "chat-5c1e9a7b3d2f4e6a8b0c1d2e3f4a5b6c",
        InputTokens: 6,
        OutputTokens: 10,
        CachedInputTokens: null,
        ReasoningTokens: null);

    protected override ToolCallFixture ToolCall { get; } = new(
        "chat-tool-call.json", "chatcmpl-tool-5d3c2b1a0f9e8d7c", "get_weather", "city", "贵阳");

    protected override ToolCallFixture StreamingToolCall { get; } = new(
        "stream-tool-call.sse", "chatcmpl-tool-8e7d6c5b4a39", "get_weather", "city", "贵阳");

    protected override IReadOnlyList<ErrorFixture> Errors { get; } =
    [
        new("error-400-pangu-0010-parameter-illegal.json", 400, LlmErrorKind.InvalidRequest, "PANGU.0010"),
        new("error-401-pangu-0011-auth-failed.json", 401, LlmErrorKind.Authentication, "PANGU.0011"),
        new("error-401-pangu-0012-auth-missing.json", 401, LlmErrorKind.Authentication, "PANGU.0012"),
        new("error-500-pangu-0001-unknown.json", 500, LlmErrorKind.ServerError, "PANGU.0001"),
        new("error-401-apig-0301-token-invalid.json", 401, LlmErrorKind.Authentication, "APIG.0301"),
        new("error-429-apig-0308-throttled.json", 429, LlmErrorKind.RateLimited, "APIG.0308"),
    ];

    protected override IChatClient CreateClient(Uri endpoint, Action<ChineseLlmProviderOptions>? configure = null)
    {
        var options = new PanguOptions { ApiKey = SecretApiKey, Endpoint = endpoint };
        configure?.Invoke(options);
        return new PanguChatClient(options);
    }

    [Fact]
    public async Task GetResponseAsync_OpenAiRoute_SendsBearerKey()
    {
        StubFixture(PlainChat.File);
        using var client = CreateClient(Endpoint);

        await client.GetResponseAsync(Hello);

        var headers = Assert.Single(Server.LogEntries).RequestMessage.Headers!;
        Assert.Equal("Bearer " + SecretApiKey, headers["Authorization"].Single());
        Assert.False(headers.ContainsKey("X-Apig-AppCode"));
    }

    [Fact]
    public async Task GetResponseAsync_DeploymentPath_SendsKeyAsAppCode()
    {
        StubFixture(PlainChat.File);
        using var client = CreateClient(new Uri(Server.Url + "/v1/0a1b2c3d/deployments/9f8e7d6c"));

        await client.GetResponseAsync(Hello);

        var request = Assert.Single(Server.LogEntries).RequestMessage;
        Assert.Equal("/v1/0a1b2c3d/deployments/9f8e7d6c/chat/completions", request.Path);
        Assert.Equal(SecretApiKey, request.Headers!["X-Apig-AppCode"].Single());
        Assert.False(request.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task GetResponseAsync_ReasoningDeployment_MapsReasoningContent()
    {
        StubFixture("chat-reasoning.json");
        using var client = CreateClient(Endpoint);

        var response = await client.GetResponseAsync(Hello);

        Assert.StartsWith("嗯,用户发来“你好”", string.Concat(response.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().Select(r => r.Text)), StringComparison.Ordinal);
        Assert.Contains("很高兴见到你", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_GatewayError_TakesRequestIdFromBody()
    {
        Server.Given(WireMock.RequestBuilders.Request.Create().UsingPost()).RespondWith(
            WireMock.ResponseBuilders.Response.Create().WithStatusCode(401).WithHeader("Content-Type", "application/json")
                .WithBody(Payload.Read("pangu", "error-401-apig-0301-token-invalid.json")));
        using var client = CreateClient(Endpoint, o => o.MaxRetryAttempts = 0);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(Hello));

        Assert.Equal("3b1f6c2a9d8e4f7a0b5c6d7e8f9a0b1c", ex.RequestId);
        Assert.Equal(LlmErrorKind.Authentication, ex.Kind);
    }

    [Fact]
    public void Constructor_NoEndpoint_ThrowsNamingEndpoint()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PanguChatClient(new PanguOptions { ApiKey = SecretApiKey }));

        Assert.Contains("Endpoint is required", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretApiKey, ex.Message, StringComparison.Ordinal);
    }
}
