using System.Text.Json.Nodes;
using ChineseLlm.Client.Conformance;
using Microsoft.Extensions.AI;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ChineseLlm.Client.Providers.Hunyuan;

/// <summary>Hunyuan's OpenAI-compatible endpoint (ApiKey only) over real HTTP.</summary>
public sealed class HunyuanCompatibleConformanceTests : ProviderConformanceTests
{
    protected override string ProviderKey => "hunyuan";

    protected override string ExpectedPath => "/chat/completions";

    protected override string RequestIdHeader => "X-TC-RequestId";

    protected override ChatFixture PlainChat { get; } = new(
        "compat-chat.json",
        "你好！有什么我可以帮你的吗？",
        ExpectedReasoning: null,
        ModelId: "hunyuan-turbos-latest",
        ResponseId: "939fbdb8dbb9b4c5944cbbe687c977c2",
        InputTokens: 3,
        OutputTokens: 9,
        CachedInputTokens: null,
        ReasoningTokens: null);

    protected override ChatFixture PlainStream { get; } = new(
        "compat-stream.sse",
        "1+1=2",
        ExpectedReasoning: null,
        ModelId: "hunyuan-turbos-latest",
        ResponseId: "0e6f2b3c9d8a47e1b5c4a3f2e1d0c9b8",
        InputTokens: 4,
        OutputTokens: 3,
        CachedInputTokens: null,
        ReasoningTokens: null);

    protected override ToolCallFixture ToolCall { get; } = new(
        "compat-tool-call.json", "call_cv8a1k2c3m1v7ep35e0g", "get_weather", "city", "北京");

    protected override ToolCallFixture StreamingToolCall { get; } = new(
        "compat-stream-tool-call.sse", "call_cv8a1k2c3m1v7ep35e1g", "get_weather", "city", "北京");

    protected override IReadOnlyList<ErrorFixture> Errors { get; } =
    [
        new("compat-error-400-messages-order.json", 400, LlmErrorKind.InvalidRequest, "1001"),
        new("compat-error-401-invalid-key.json", 401, LlmErrorKind.Authentication, "invalid_api_key"),
    ];

    protected override IChatClient CreateClient(Uri endpoint, Action<ChineseLlmProviderOptions>? configure = null)
    {
        var options = new HunyuanOptions { ApiKey = SecretApiKey, Endpoint = endpoint };
        configure?.Invoke(options);
        return new HunyuanChatClient(options);
    }

    [Fact]
    public async Task GetResponseAsync_ErrorWithoutHeader_TakesTheRequestIdFromErrorId()
    {
        Server.Given(Request.Create().UsingPost()).RespondWith(Response.Create()
            .WithStatusCode(400).WithHeader("Content-Type", "application/json").WithBody(Payload.Read("hunyuan", "compat-error-400-messages-order.json")));
        using var client = CreateClient(Endpoint, o => o.MaxRetryAttempts = 0);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(Hello));

        Assert.Equal("3d98282009c094e0c9b7b11afc919ada", ex.RequestId);
        Assert.Equal(LlmErrorKind.InvalidRequest, ex.Kind);
    }

    [Fact]
    public async Task GetResponseAsync_Request_UsesBearerKeyAndSnakeCaseExtras()
    {
        StubFixture(PlainChat.File);
        using var client = CreateClient(Endpoint);

        await client.GetResponseAsync(
            [new(ChatRole.User, "你好"), new(ChatRole.Assistant, [new TextReasoningContent("想"), new TextContent("在")]), new(ChatRole.User, "再见")],
            new ChatOptions { AdditionalProperties = new() { ["enable_enhancement"] = true, ["EnableEnhancement"] = true } });

        var entry = Assert.Single(Server.LogEntries).RequestMessage;
        Assert.Equal($"Bearer {SecretApiKey}", entry.Headers!["Authorization"].Single());
        Assert.False(entry.Headers.ContainsKey("X-TC-Action"));
        var expected = JsonNode.Parse("""
            {"model":"hunyuan-turbos-latest",
             "messages":[{"role":"user","content":"你好"},{"role":"assistant","content":"在"},{"role":"user","content":"再见"}],
             "enable_enhancement":true}
            """);
        var body = JsonNode.Parse(entry.Body!)!;
        Assert.True(JsonNode.DeepEquals(expected, body), body.ToJsonString());
    }
}
