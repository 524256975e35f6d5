using System.Text.Json;
using ChineseLlm.Client.Conformance;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Providers.Baichuan;

public sealed class BaichuanConformanceTests : ProviderConformanceTests
{
    protected override string ProviderKey => "baichuan";

    protected override Uri Endpoint => new(Server.Url + "/v1");

    protected override string ExpectedPath => "/v1/chat/completions";

    protected override string RequestIdHeader => "X-BC-Request-Id";

    protected override ChatFixture PlainChat { get; } = new(
        "chat-plain.json",
        "世界第一高峰是珠穆朗玛峰，海拔高度为8,848.86米。",
        ExpectedReasoning: null,
        ModelId: "Baichuan4-Turbo",
        ResponseId: "chatcmpl-Ma07d018NBwUau6",
        InputTokens: 6,
        OutputTokens: 19,
        CachedInputTokens: null,
        ReasoningTokens: null);

    /// <summary><c>data:</c> without a space, <c>finish_reason:""</c> until the last content chunk, which carries usage.</summary>
    protected override ChatFixture PlainStream { get; } = new(
        "stream-plain.sse",
        "世界第一高峰是珠穆朗玛峰（Mount Everest），位于尼泊尔和中国边境，海拔高度为8,848米。",
        ExpectedReasoning: null,
        ModelId: "Baichuan4-Turbo",
        ResponseId: "chatcmpl-M633300APBknoaF",
        InputTokens: 6,
        OutputTokens: 29,
        CachedInputTokens: null,
        ReasoningTokens: null);

    protected override ToolCallFixture ToolCall { get; } = new(
        "chat-tool-call.json", "71f7015KICDoskJ", "get_current_weather", "location", "北京");

    protected override ToolCallFixture StreamingToolCall { get; } = new(
        "stream-tool-call.sse", "7a2c9015KJDoqX", "get_current_weather", "location", "北京");

    protected override IReadOnlyList<ErrorFixture> Errors { get; } =
    [
        new("error-400-invalid-request.json", 400, LlmErrorKind.InvalidRequest, "invalid_request_error"),
        new("error-400-sensitive.json", 400, LlmErrorKind.ContentFiltered, "sensitive_words"),
        new("error-401-invalid-api-key.json", 401, LlmErrorKind.Authentication, "invalid_api_key"),
        new("error-429-insufficient-quota.json", 429, LlmErrorKind.QuotaExceeded, "insufficient_quota"),
        new("error-429-rate-limit.json", 429, LlmErrorKind.RateLimited, "rate_limit_exceeded"),
    ];

    protected override IChatClient CreateClient(Uri endpoint, Action<ChineseLlmProviderOptions>? configure = null)
    {
        var options = new BaichuanOptions { ApiKey = SecretApiKey, Endpoint = endpoint };
        configure?.Invoke(options);
        return new BaichuanChatClient(options);
    }

    /// <summary>
    /// The API page's parameter table (docs/protocols/baichuan.md, "Request"): <c>max_tokens</c> in [1, 2048]. Outside
    /// it the call is refused before sending, naming the range; the bounds themselves are sent.
    /// </summary>
    [Theory]
    [InlineData(2049)]
    [InlineData(0)]
    [InlineData(int.MaxValue)]
    public async Task GetResponseAsync_MaxOutputTokensOutsideTheDocumentedRange_IsRefusedBeforeSending(int max)
    {
        StubFixture(PlainChat.File);
        using var client = CreateClient(Endpoint);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(Hello, new ChatOptions { MaxOutputTokens = max }));

        Assert.Equal(LlmErrorKind.InvalidRequest, ex.Kind);
        Assert.Contains("2048", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Server.LogEntries);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2048)]
    public async Task GetResponseAsync_MaxOutputTokensAtTheBounds_IsSent(int max)
    {
        StubFixture(PlainChat.File);
        using var client = CreateClient(Endpoint);

        await client.GetResponseAsync(Hello, new ChatOptions { MaxOutputTokens = max });

        using var body = JsonDocument.Parse(Assert.Single(Server.LogEntries).RequestMessage.Body!);
        Assert.Equal(max, body.RootElement.GetProperty("max_tokens").GetInt32());
    }

    /// <summary>The API page: a <c>system</c> message must come first. A later one is refused before sending.</summary>
    [Fact]
    public async Task GetResponseAsync_SystemMessageAfterAUserMessage_IsRefusedBeforeSending()
    {
        StubFixture(PlainChat.File);
        using var client = CreateClient(Endpoint);
        List<ChatMessage> history = [new(ChatRole.User, "你好"), new(ChatRole.Assistant, "你好！"), new(ChatRole.System, "回答要简短。"), new(ChatRole.User, "世界第一高峰是？")];

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(history));

        Assert.Equal(LlmErrorKind.InvalidRequest, ex.Kind);
        Assert.Contains("messages[2]", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Server.LogEntries);
    }

    /// <summary>Instructions and leading system messages stay first and are sent.</summary>
    [Fact]
    public async Task GetResponseAsync_LeadingSystemMessages_AreSent()
    {
        StubFixture(PlainChat.File);
        using var client = CreateClient(Endpoint);

        await client.GetResponseAsync([new(ChatRole.System, "你是百科助手。"), new(ChatRole.User, "世界第一高峰是？")], new ChatOptions { Instructions = "用中文回答。" });

        using var body = JsonDocument.Parse(Assert.Single(Server.LogEntries).RequestMessage.Body!);
        var roles = body.RootElement.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()).ToList();
        Assert.Equal("system", roles[0]);
        Assert.Equal("user", roles[^1]);
    }

    [Fact]
    public async Task GetResponseAsync_ReasoningModel_MapsReasoningContent()
    {
        StubFixture("chat-reasoning.json");
        using var client = CreateClient(Endpoint);

        var response = await client.GetResponseAsync(Hello, new ChatOptions { ModelId = "Baichuan-M3" });

        Assert.Equal("用户是25岁健康女性，刚完成种植体植入，问是否需要抗生素。", string.Concat(response.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().Select(r => r.Text)));
        Assert.StartsWith("种植牙术后", response.Text, StringComparison.Ordinal);
        Assert.Equal("Baichuan-M3", response.ModelId);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Request_DoesNotSendStreamOptions()
    {
        StubFixture(PlainStream.File);
        using var client = CreateClient(Endpoint);

        await client.GetStreamingResponseAsync(Hello).ToListAsync();

        using var body = JsonDocument.Parse(Assert.Single(Server.LogEntries).RequestMessage.Body!);
        Assert.True(body.RootElement.GetProperty("stream").GetBoolean());
        Assert.False(body.RootElement.TryGetProperty("stream_options", out _));
        Assert.Equal("Baichuan4-Turbo", body.RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public async Task GetResponseAsync_Image_IsRejectedBeforeSending()
    {
        using var client = CreateClient(Endpoint);
        List<ChatMessage> messages = [new(ChatRole.User, [new TextContent("这是什么？"), new DataContent(new byte[] { 1, 2, 3 }, "image/png")])];

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(messages));

        Assert.Equal(LlmErrorKind.InvalidRequest, ex.Kind);
        Assert.Empty(Server.LogEntries);
    }
}
