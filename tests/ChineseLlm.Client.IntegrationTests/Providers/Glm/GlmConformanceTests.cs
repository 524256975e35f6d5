using System.Buffers.Text;
using System.Text.Json;
using ChineseLlm.Client.Conformance;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Providers.Glm;

public sealed class GlmConformanceTests : ProviderConformanceTests
{
    protected override string ProviderKey => "glm";

    protected override Uri Endpoint => new(Server.Url + "/api/paas/v4");

    protected override string ExpectedPath => "/api/paas/v4/chat/completions";

    protected override string RequestIdHeader => "X-Request-Id";

    protected override ChatFixture PlainChat { get; } = new(
        "chat-plain.json",
        "你好！我是智谱AI训练的GLM大语言模型，很高兴为你服务。",
        ExpectedReasoning: null,
        ModelId: "glm-4.7",
        ResponseId: "2026112316421583e6c5a1b2c74d21",
        InputTokens: 9,
        OutputTokens: 17,
        CachedInputTokens: 0,
        ReasoningTokens: null);

    /// <summary>Reasoning deltas, a finish chunk without usage, then a separate <c>choices:[]</c> usage chunk.</summary>
    protected override ChatFixture PlainStream { get; } = new(
        "stream-thinking-usage-chunk.sse",
        "\n你好！我是一个大型语言模型。",
        ExpectedReasoning: "\n1. **分析用户的查询：**",
        ModelId: "glm-4.6",
        ResponseId: "2026021010253871cb1b6ec9e54d6b",
        InputTokens: 9,
        OutputTokens: 14,
        CachedInputTokens: 7,
        ReasoningTokens: null);

    protected override ToolCallFixture ToolCall { get; } = new(
        "chat-tool-call.json", "call_846dece2e80340898b1d1949", "get_weather", "city", "北京",
        "用户想知道北京的天气，需要调用 get_weather。");

    /// <summary>GLM streams a whole tool call in one delta rather than argument fragments.</summary>
    protected override ToolCallFixture StreamingToolCall { get; } = new(
        "stream-tool-call.sse", "call_2026112316501100a1b2c3d4e5f6", "get_weather", "city", "北京", "需要查询天气。");

    protected override IReadOnlyList<ErrorFixture> Errors { get; } =
    [
        new("error-401-1001-no-authorization.json", 401, LlmErrorKind.Authentication, "1001"),
        new("error-401-1000-authentication-failed.json", 401, LlmErrorKind.Authentication, "1000"),
        new("error-401-1003-token-expired.json", 401, LlmErrorKind.Authentication, "1003"),
        new("error-429-1113-insufficient-balance.json", 429, LlmErrorKind.QuotaExceeded, "1113"),
        new("error-429-1113-insufficient-balance-en.json", 429, LlmErrorKind.QuotaExceeded, "1113"),
        new("error-429-1302-rate-limit.json", 429, LlmErrorKind.RateLimited, "1302"),
        new("error-429-1305-overloaded.json", 429, LlmErrorKind.RateLimited, "1305"),
        new("error-429-1308-usage-cap.json", 429, LlmErrorKind.QuotaExceeded, "1308"),
        new("error-400-1301-sensitive.json", 400, LlmErrorKind.ContentFiltered, "1301"),
        new("error-400-1214-invalid-param.json", 400, LlmErrorKind.InvalidRequest, "1214"),
        new("error-400-1211-model-not-found.json", 400, LlmErrorKind.ModelNotFound, "1211"),
        new("error-400-1261-prompt-too-long.json", 400, LlmErrorKind.ContextLengthExceeded, "1261"),
        new("error-500-internal.json", 500, LlmErrorKind.ServerError, "500"),
    ];

    protected override IChatClient CreateClient(Uri endpoint, Action<ChineseLlmProviderOptions>? configure = null) =>
        CreateClient(endpoint, SecretApiKey, configure);

    [Fact]
    public async Task GetResponseAsync_IdSecretKey_SendsSignedJwtNamingTheKeyId()
    {
        StubFixture(PlainChat.File);
        using var client = CreateClient(Endpoint, "a1b2c3d4e5f6.s3cr3tS3cr3tValue");

        await client.GetResponseAsync(Hello);

        var authorization = Assert.Single(Server.LogEntries).RequestMessage.Headers!["Authorization"].Single();
        Assert.StartsWith("Bearer ", authorization, StringComparison.Ordinal);
        var parts = authorization["Bearer ".Length..].Split('.');
        Assert.Equal(3, parts.Length);
        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        Assert.Equal("a1b2c3d4e5f6", payload.RootElement.GetProperty("api_key").GetString());
        Assert.DoesNotContain("s3cr3tS3cr3tValue", authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_OpaqueKey_SendsKeyAsIs()
    {
        StubFixture(PlainChat.File);
        using var client = CreateClient(Endpoint);

        await client.GetResponseAsync(Hello);

        Assert.Equal("Bearer " + SecretApiKey, Assert.Single(Server.LogEntries).RequestMessage.Headers!["Authorization"].Single());
    }

    [Fact]
    public async Task GetResponseAsync_ReasoningNone_SendsThinkingDisabled()
    {
        StubFixture(PlainChat.File);
        using var client = CreateClient(Endpoint);

        await client.GetResponseAsync(Hello, new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.None } });

        using var body = JsonDocument.Parse(Assert.Single(Server.LogEntries).RequestMessage.Body!);
        Assert.Equal("disabled", body.RootElement.GetProperty("thinking").GetProperty("type").GetString());
        Assert.Equal("glm-5.1", body.RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public async Task GetResponseAsync_ThinkingReply_MapsReasoningAndCachedTokens()
    {
        StubFixture("chat-thinking.json");
        using var client = CreateClient(Endpoint);

        var response = await client.GetResponseAsync(Hello);

        Assert.Equal("\n17 × 23 = 391。", response.Text);
        Assert.Equal(
            "\n用户问 17 乘以 23。17×20=340，17×3=51，合计 391。",
            string.Concat(response.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().Select(r => r.Text)));
        Assert.Equal(7, response.Usage?.CachedInputTokenCount);
        Assert.Equal("glm-5.1", response.ModelId);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_FinishSensitive_ReportsContentFilter()
    {
        StubFixture("stream-finish-sensitive.sse");
        using var client = CreateClient(Endpoint);

        var updates = await client.GetStreamingResponseAsync(Hello).ToListAsync();

        Assert.Equal(ChatFinishReason.ContentFilter, updates[^1].FinishReason);
        Assert.Equal("关于这个话题，", string.Concat(updates.Select(u => u.Text)));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_DocumentedStream_UsageOnFinishChunk()
    {
        StubFixture("stream-plain.sse");
        using var client = CreateClient(Endpoint);

        var response = (await client.GetStreamingResponseAsync(Hello).ToListAsync()).ToChatResponse();

        Assert.Equal("春风拂面。", response.Text);
        Assert.Equal(8, response.Usage?.InputTokenCount);
        Assert.Equal(4, response.Usage?.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public async Task GetResponseAsync_QuotaError_IsNotRetried()
    {
        StubFixture("error-429-1113-insufficient-balance.json", 429);
        using var client = CreateClient(Endpoint);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(Hello));

        Assert.False(ex.IsTransient);
        Assert.Single(Server.LogEntries);
    }

    private static GlmChatClient CreateClient(Uri endpoint, string apiKey, Action<ChineseLlmProviderOptions>? configure = null)
    {
        var options = new GlmOptions { ApiKey = apiKey, Endpoint = endpoint };
        configure?.Invoke(options);
        return new GlmChatClient(options);
    }
}
