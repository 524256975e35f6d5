using System.Text.Json;
using ChineseLlm.Client.Conformance;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Providers.Qwen;

/// <summary>The OpenAI-compatible mode over real HTTP: its own fixtures plus the native error shapes it can also send.</summary>
public sealed class QwenCompatibleConformanceTests : ProviderConformanceTests
{
    protected override string ProviderKey => "qwen";

    protected override Uri Endpoint => new(Server.Url + "/compatible-mode/v1");

    protected override string ExpectedPath => "/compatible-mode/v1/chat/completions";

    protected override string RequestIdHeader => "x-request-id";

    protected override ChatFixture PlainChat { get; } = new(
        "compat-chat.json",
        "我是阿里云开发的一款超大规模语言模型，我叫通义千问。",
        ExpectedReasoning: null,
        ModelId: "qwen-plus",
        ResponseId: "chatcmpl-6ada9ed2-7f33-9de2-8bb0-78bd4035025a",
        InputTokens: 3019,
        OutputTokens: 104,
        CachedInputTokens: 2048,
        ReasoningTokens: null);

    /// <summary>include_usage: usage:null on every chunk, then a choices:[] chunk with the usage, then [DONE].</summary>
    protected override ChatFixture PlainStream { get; } = new(
        "compat-stream-usage.sse",
        "我是来自阿里云的超大规模语言模型，我叫通义千问。",
        ExpectedReasoning: null,
        ModelId: "qwen-plus",
        ResponseId: "chatcmpl-e30f5ae7-3063-93c4-90fe-beb5f900bd57",
        InputTokens: 22,
        OutputTokens: 17,
        CachedInputTokens: 0,
        ReasoningTokens: null);

    protected override ToolCallFixture ToolCall { get; } = new(
        "compat-tool-call.json", "call_61a2bbd82a8042289f1ff2", "get_current_weather", "location", "北京市");

    protected override ToolCallFixture StreamingToolCall { get; } = new(
        "compat-stream-tool-call.sse", "call_8f08d2b0fc0c4d8fab7123", "get_current_weather", "location", "北京市");

    /// <summary>Its own OpenAI-shaped errors, and the flat native shapes gateways also return on /compatible-mode (§1.6).</summary>
    protected override IReadOnlyList<ErrorFixture> Errors { get; } =
    [
        new("compat-error-400-data-inspection.json", 400, LlmErrorKind.ContentFiltered, "data_inspection_failed"),
        new("compat-error-401-invalid-api-key.json", 401, LlmErrorKind.Authentication, "invalid_api_key"),
        new("compat-error-429-insufficient-quota.json", 429, LlmErrorKind.RateLimited, "insufficient_quota"),
        new("native-error-400-invalid-parameter.json", 400, LlmErrorKind.InvalidRequest, "InvalidParameter"),
        new("native-error-400-arrearage.json", 400, LlmErrorKind.QuotaExceeded, "Arrearage"),
        new("native-error-401-invalid-api-key.json", 401, LlmErrorKind.Authentication, "InvalidApiKey"),
        new("native-error-429-free-quota-exhausted.json", 429, LlmErrorKind.QuotaExceeded, "Throttling.AllocationQuota"),
    ];

    protected override IChatClient CreateClient(Uri endpoint, Action<ChineseLlmProviderOptions>? configure = null)
    {
        var options = new QwenOptions { ApiKey = SecretApiKey, Endpoint = endpoint, Protocol = QwenProtocol.OpenAiCompatible };
        configure?.Invoke(options);
        return new QwenChatClient(options);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ReasoningFixture_SplitsReasoningAndAnswer()
    {
        StubFixture("compat-stream-reasoning.sse");
        using var client = CreateClient(Endpoint);

        var response = (await client.GetStreamingResponseAsync(Hello, new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High } }).ToListAsync()).ToChatResponse();

        Assert.Equal("a very large number, with a total of 43 digits.", response.Text);
        Assert.Equal("The user is asking for", string.Concat(response.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().Select(r => r.Text)));
        Assert.Equal("qwen3-max-2026-01-23", response.ModelId);
        var sent = JsonDocument.Parse(Assert.Single(Server.LogEntries).RequestMessage.Body!).RootElement;
        Assert.True(sent.GetProperty("enable_thinking").GetBoolean());
        Assert.True(sent.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
    }

    [Fact]
    public async Task GetStreamingResponseAsync_NativeErrorFrame_IsMappedOnTheCompatibleEndpoint()
    {
        StubFixture("native-stream-error-429.sse");
        using var client = CreateClient(Endpoint);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(async () => await client.GetStreamingResponseAsync(Hello).ToListAsync());

        Assert.Equal(LlmErrorKind.RateLimited, ex.Kind);
        Assert.Equal("Throttling.AllocationQuota", ex.ErrorCode);
    }
}
