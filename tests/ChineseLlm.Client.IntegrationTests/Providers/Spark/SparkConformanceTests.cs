using System.Text.Json;
using ChineseLlm.Client.Conformance;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Providers.Spark;

public sealed class SparkConformanceTests : ProviderConformanceTests
{
    protected override string ProviderKey => "spark";

    protected override Uri Endpoint => new(Server.Url + "/v1");

    protected override string ExpectedPath => "/v1/chat/completions";

    /// <summary>iFlytek documents no request-id header; the adapter reads the <c>sid</c> from the body instead.</summary>
    protected override string RequestIdHeader => "X-Not-Read-By-Spark";

    /// <summary>No id, model or finish_reason in the body: the sid, the requested model and "stop" stand in.</summary>
    protected override ChatFixture PlainChat { get; } = new(
        "chat-plain.json",
        "您好，我是科大讯飞研发的认知智能大模型，我的名字叫讯飞星火认知大模型。我可以和人类进行自然交流，解答问题，高效完成各领域认知智能需求。",
        ExpectedReasoning: null,
        ModelId: "generalv3.5",
        ResponseId: "cha000b8a53@dx19063e2460eb8f2532",
        InputTokens: 2,
        OutputTokens: 40,
        CachedInputTokens: null,
        ReasoningTokens: null);

    /// <summary><c>data:</c> without a space, no finish_reason at all, usage on the last chunk, then <c>data:[DONE]</c>.</summary>
    protected override ChatFixture PlainStream { get; } = new(
        "stream-plain.sse",
        "Can I help you",
        ExpectedReasoning: null,
        ModelId: "generalv3.5",
        ResponseId: "cha000b000c@dx1905cf38fc8b86d552",
        InputTokens: 4,
        OutputTokens: 4,
        CachedInputTokens: null,
        ReasoningTokens: null);

    protected override ToolCallFixture ToolCall { get; } = new(
        "chat-tool-call.json", "call_cha000b9a1e_0", "get_weather", "city", "合肥");

    protected override ToolCallFixture StreamingToolCall { get; } = new(
        "stream-tool-call.sse", "call_cha000c3a91_0", "get_weather", "city", "合肥");

    protected override IReadOnlyList<ErrorFixture> Errors { get; } =
    [
        new("error-10005-invalid-param.json", 400, LlmErrorKind.InvalidRequest, "10005"),
        new("error-10005-invalid-model.json", 400, LlmErrorKind.ModelNotFound, "10005"),
        new("error-11200-app-id-no-auth.json", 401, LlmErrorKind.PermissionDenied, "11200"),
        new("error-200-10013-input-moderation.json", 200, LlmErrorKind.ContentFiltered, "10013"),
        new("error-200-11202-qps-limit.json", 200, LlmErrorKind.RateLimited, "11202"),
        new("error-200-11201-daily-limit.json", 200, LlmErrorKind.QuotaExceeded, "11201"),
        new("error-200-10907-too-long.json", 200, LlmErrorKind.ContextLengthExceeded, "10907"),
    ];

    protected override IChatClient CreateClient(Uri endpoint, Action<ChineseLlmProviderOptions>? configure = null)
    {
        var options = new SparkOptions { ApiKey = SecretApiKey, Endpoint = endpoint };
        configure?.Invoke(options);
        return new SparkChatClient(options);
    }

    [Fact]
    public async Task GetResponseAsync_ErrorInside200_CarriesSidAsRequestId()
    {
        StubFixture("error-200-10013-input-moderation.json");
        using var client = CreateClient(Endpoint);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(Hello));

        Assert.Equal("cha000c1f02@dx19a6c31b7cab894532", ex.RequestId);
        Assert.Equal(LlmErrorKind.ContentFiltered, ex.Kind);
    }

    [Fact]
    public async Task GetResponseAsync_ErrorEnvelope_TakesSidFromMessage()
    {
        StubFixture("error-11200-app-id-no-auth.json", 401);
        using var client = CreateClient(Endpoint, o => o.MaxRetryAttempts = 0);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(Hello));

        Assert.Equal("cha000a6027@dx19e50e7c6449a4b812", ex.RequestId);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_OutputModerationMidStream_Throws()
    {
        StubFixture("stream-error-10014-output-moderation.sse");
        using var client = CreateClient(Endpoint);
        var seen = new List<string>();

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Hello))
            {
                seen.Add(update.Text);
            }
        });

        Assert.Equal(LlmErrorKind.ContentFiltered, ex.Kind);
        Assert.Equal("10014", ex.ErrorCode);
        Assert.Equal(["关于这个"], seen);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_UsageOnLastContentChunk_KeepsTextAndUsage()
    {
        StubFixture("stream-usage-on-last-content.sse");
        using var client = CreateClient(Endpoint);

        var response = (await client.GetStreamingResponseAsync(Hello).ToListAsync()).ToChatResponse();

        Assert.Equal("你好！很高兴见到你😊", response.Text);
        Assert.Equal(418, response.Usage?.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Request_SendsNoStreamOptions()
    {
        StubFixture(PlainStream.File);
        using var client = CreateClient(Endpoint);

        await client.GetStreamingResponseAsync(Hello, new ChatOptions { ModelId = "4.0Ultra" }).ToListAsync();

        using var body = JsonDocument.Parse(Assert.Single(Server.LogEntries).RequestMessage.Body!);
        Assert.False(body.RootElement.TryGetProperty("stream_options", out _));
        Assert.Equal("4.0Ultra", body.RootElement.GetProperty("model").GetString());
    }
}
