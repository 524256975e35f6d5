using System.Text.Json;
using ChineseLlm.Client.Conformance;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ChineseLlm.Client.Providers.Qwen;

/// <summary>The native DashScope protocol over real HTTP, against every native fixture.</summary>
public sealed class QwenNativeConformanceTests : ProviderConformanceTests
{
    protected override string ProviderKey => "qwen";

    protected override Uri Endpoint => new(Server.Url + "/api/v1");

    protected override string ExpectedPath => "/api/v1/services/aigc/text-generation/generation";

    protected override string RequestIdHeader => "x-request-id";

    protected override ChatFixture PlainChat { get; } = new(
        "native-chat.json",
        "1+1 等于 2。这是最基本的数学加法之一，在十进制计数体系中，任何两个相同的数字相加都等于该数字的二倍。",
        ExpectedReasoning: null,
        ModelId: "qwen-plus",
        ResponseId: "e764bfe3-c0b7-97a0-ae57-cd99e1580960",
        InputTokens: 8,
        OutputTokens: 39,
        CachedInputTokens: null,
        ReasoningTokens: null);

    /// <summary>Incremental stream, "null" finish reasons, cumulative usage, no [DONE].</summary>
    protected override ChatFixture PlainStream { get; } = new(
        "native-stream.sse",
        "1+1 等于 2。这是最基本的数学加法之一，在十进制计数体系中，任何情况下 1 加上另一个 1 的结果都是 2。",
        ExpectedReasoning: null,
        ModelId: "qwen-plus",
        ResponseId: "d272255f-82d7-9cc7-93c5-17ff77024349",
        InputTokens: 8,
        OutputTokens: 40,
        CachedInputTokens: null,
        ReasoningTokens: null);

    /// <summary>The 2024 capture says finish_reason "stop" although it holds a tool call.</summary>
    protected override ToolCallFixture ToolCall { get; } = new(
        "native-tool-call.json", "call_cec4c19d27624537b583af", "get_current_weather", "location", "浙江省杭州市");

    /// <summary>Two parallel calls; the first is checked by the base test's fixture, both by the override.</summary>
    protected override ToolCallFixture StreamingToolCall { get; } = new(
        "native-stream-tool-calls.sse", "call_29a870e7106f45deb8add3", "get_current_weather", "location", "浙江省杭州市");

    protected override IReadOnlyList<ErrorFixture> Errors { get; } =
    [
        new("native-error-400-invalid-parameter.json", 400, LlmErrorKind.InvalidRequest, "InvalidParameter"),
        new("native-error-400-arrearage.json", 400, LlmErrorKind.QuotaExceeded, "Arrearage"),
        new("native-error-400-data-inspection.json", 400, LlmErrorKind.ContentFiltered, "DataInspectionFailed"),
        new("native-error-401-invalid-api-key.json", 401, LlmErrorKind.Authentication, "InvalidApiKey"),
        new("native-error-429-free-quota-exhausted.json", 429, LlmErrorKind.QuotaExceeded, "Throttling.AllocationQuota"),
        new("native-error-429-rate-quota.json", 429, LlmErrorKind.RateLimited, "Throttling.RateQuota"),
    ];

    protected override IChatClient CreateClient(Uri endpoint, Action<ChineseLlmProviderOptions>? configure = null)
    {
        var options = new QwenOptions { ApiKey = SecretApiKey, Endpoint = endpoint };
        configure?.Invoke(options);
        return new QwenChatClient(options);
    }

    /// <summary>The fixture streams two calls in parallel: both must come out whole, each with its own id.</summary>
    [Fact]
    public override async Task GetStreamingResponseAsync_ToolCall_JoinsFragmentsByIndex()
    {
        StubFixture(StreamingToolCall.File);
        using var client = CreateClient(Endpoint);

        var updates = await client.GetStreamingResponseAsync(Hello, WeatherOptions()).ToListAsync();

        var calls = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(["call_29a870e7106f45deb8add3", "call_026e44bb31a74266949a20"], calls.Select(c => c.CallId));
        Assert.All(calls, c => Assert.Equal("get_current_weather", c.Name));
        Assert.Equal(["浙江省杭州市", "上海市"], calls.Select(c => c.Arguments!["location"]?.ToString()));
        Assert.Equal(ChatFinishReason.ToolCalls, updates[^1].FinishReason);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_OverHttp_SendsSseSwitchesIncrementalOutputAndBearer()
    {
        StubFixture(PlainStream.File, contentType: "text/event-stream;charset=UTF-8");
        using var client = CreateClient(Endpoint);

        await client.GetStreamingResponseAsync(Hello).ToListAsync();

        var request = Assert.Single(Server.LogEntries).RequestMessage;
        Assert.Equal("enable", request.Headers!["X-DashScope-SSE"].Single());
        Assert.Contains("text/event-stream", request.Headers!["Accept"].Single(), StringComparison.Ordinal);
        Assert.Equal("Bearer " + SecretApiKey, request.Headers!["Authorization"].Single());
        var body = JsonDocument.Parse(request.Body!).RootElement;
        Assert.Equal("你好", body.GetProperty("input").GetProperty("messages")[0].GetProperty("content").GetString());
        Assert.True(body.GetProperty("parameters").GetProperty("incremental_output").GetBoolean());
        Assert.Equal("message", body.GetProperty("parameters").GetProperty("result_format").GetString());
    }

    [Fact]
    public async Task GetResponseAsync_TextFormatFixture_ReadsOutputText()
    {
        StubFixture("native-chat-text-format.json");
        using var client = CreateClient(Endpoint);

        var response = await client.GetResponseAsync(Hello);

        Assert.Equal("1+1等于2。这是最基本的数学加法运算之一。", response.Text);
        Assert.Equal("7e3d5586-cb70-98ce-97bf-8a2ac0091c3f", response.ResponseId);
        Assert.Equal(14, response.Usage!.OutputTokenCount);
        Assert.Equal(0, response.Usage.CachedInputTokenCount);
    }

    [Fact]
    public async Task GetResponseAsync_ReasoningFixture_MapsReasoningTokensAndLength()
    {
        StubFixture("native-reasoning.json");
        using var client = CreateClient(Endpoint);

        var response = await client.GetResponseAsync(Hello, new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Low } });

        Assert.Contains(response.Messages[0].Contents, c => c is TextReasoningContent r && r.Text.StartsWith("我们被问到", StringComparison.Ordinal));
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal(20, response.Usage!.ReasoningTokenCount);
        Assert.Equal(0, response.Usage.CachedInputTokenCount);
        var sent = JsonDocument.Parse(Assert.Single(Server.LogEntries).RequestMessage.Body!).RootElement;
        Assert.True(sent.GetProperty("parameters").GetProperty("enable_thinking").GetBoolean());
    }

    [Fact]
    public async Task GetResponseAsync_MultimodalFixture_CallsMultimodalGenerationAndReadsPartArray()
    {
        StubFixture("native-multimodal-vl.json");
        using var client = CreateClient(Endpoint);
        ChatMessage question = new(ChatRole.User, [new UriContent(new Uri("https://img.test/beach.jpeg"), "image/jpeg"), new TextContent("这是哪里？")]);

        var response = await client.GetResponseAsync([question]);

        Assert.Equal("海滩。", response.Text);
        Assert.Equal(3577, response.Usage!.AdditionalCounts!["image_tokens"]);
        Assert.Equal("/api/v1/services/aigc/multimodal-generation/generation", Assert.Single(Server.LogEntries).RequestMessage.Path);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ReasoningFixture_StreamsReasoningThenAnswer()
    {
        StubFixture("native-stream-reasoning.sse", contentType: "text/event-stream;charset=UTF-8");
        using var client = CreateClient(Endpoint);

        var updates = await client.GetStreamingResponseAsync(Hello).ToListAsync();

        var firstText = updates.FindIndex(u => u.Text.Length > 0);
        var lastReasoning = updates.FindLastIndex(u => u.Contents.OfType<TextReasoningContent>().Any());
        Assert.True(lastReasoning < firstText, "reasoning deltas come before the answer");
        var usage = Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>()).Details;
        Assert.Equal(53, usage.OutputTokenCount);
        Assert.Equal(10, usage.ReasoningTokenCount);
    }

    [Theory]
    [InlineData("native-stream-error-400.sse", LlmErrorKind.InvalidRequest, "InvalidParameter", false)]
    [InlineData("native-stream-error-429.sse", LlmErrorKind.RateLimited, "Throttling.AllocationQuota", true)]
    public async Task GetStreamingResponseAsync_ErrorEventInsideOkStream_FailsBeforeAnyUpdate(string file, LlmErrorKind kind, string code, bool transient)
    {
        StubFixture(file, contentType: "text/event-stream;charset=UTF-8");
        using var client = CreateClient(Endpoint);
        var seen = 0;

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Hello))
            {
                seen++;
            }
        });

        Assert.Equal(0, seen);
        Assert.Equal(kind, ex.Kind);
        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal(transient, ex.IsTransient);
        Assert.NotNull(ex.RequestId);
        Assert.DoesNotContain(SecretApiKey, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_FreeQuotaExhausted429_IsNotRetried()
    {
        StubFixture("native-error-429-free-quota-exhausted.json", 429);
        using var client = CreateClient(Endpoint);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(Hello));

        Assert.Equal(LlmErrorKind.QuotaExceeded, ex.Kind);
        Assert.False(ex.IsTransient);
        Assert.Single(Server.LogEntries);
    }

    [Fact]
    public async Task GetResponseAsync_RateQuota429ThenSuccess_IsRetried()
    {
        Server.Given(Request.Create().UsingPost()).InScenario("throttled").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Content-Type", "application/json")
                .WithBody(Payload.Read(PayloadFolder, "native-error-429-rate-quota.json")));
        Server.Given(Request.Create().UsingPost()).InScenario("throttled").WhenStateIs("ok")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody(Payload.Read(PayloadFolder, PlainChat.File)));
        using var client = CreateClient(Endpoint, o => ((QwenOptions)o).MaxRetryAttempts = 1);

        var response = await client.GetResponseAsync(Hello);

        Assert.Equal(PlainChat.ExpectedText, response.Text);
        Assert.Equal(2, Server.LogEntries.Count);
    }

    [Fact]
    public async Task GetResponseAsync_KeyFromAnotherRegion_IsAuthenticationAndLogsTheRegionHint()
    {
        // A Singapore key sent to the Beijing domain is answered 401 InvalidApiKey (docs/protocols/qwen.md, "Other facts the code relies on").
        StubFixture("native-error-401-invalid-api-key.json", 401);
        var services = new ServiceCollection();
        services.AddFakeLogging();
        services.AddChineseLlm(o =>
        {
            o.Providers.Qwen.ApiKey = SecretApiKey;
            o.Providers.Qwen.Endpoint = Endpoint;
            o.Providers.Qwen.MaxRetryAttempts = 0;
        });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredKeyedService<IChatClient>("qwen");

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(Hello));

        Assert.Equal(LlmErrorKind.Authentication, ex.Kind);
        Assert.Equal(401, ex.StatusCode);
        Assert.Equal("InvalidApiKey", ex.ErrorCode);
        Assert.Equal("a1c0561c-1dfe-98a6-a62f-983577b8bc5e", ex.RequestId);
        Assert.False(ex.IsTransient);
        var logs = provider.GetFakeLogCollector().GetSnapshot();
        Assert.Contains(logs, l => l.Message.Contains("bound to the region", StringComparison.Ordinal) && l.Message.Contains("ChineseLlm:Providers:Qwen:Region", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Message.Contains(SecretApiKey, StringComparison.Ordinal));
    }
}
