using System.Text;
using System.Text.Json.Nodes;
using ChineseLlm.Client.Conformance;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ChineseLlm.Client.Providers.Hunyuan;

/// <summary>The native Tencent Cloud API 3.0 protocol (SecretId + SecretKey) over real HTTP.</summary>
public sealed class HunyuanNativeConformanceTests : ProviderConformanceTests
{
    private const string SecretId = "AKIDconformanceSecretId0000";

    protected override string ProviderKey => "hunyuan";

    protected override string ExpectedPath => "/";

    protected override string RequestIdHeader => "X-TC-RequestId";

    protected override ChatFixture PlainChat { get; } = new(
        "native-chat.json",
        "你好！很高兴为您提供帮助。请问有什么问题我可以帮助您解决？",
        ExpectedReasoning: null,
        ModelId: "hunyuan-turbos-latest", // the native answer names no model: the requested (default) one is reported
        ResponseId: "e4657570-94a5-45f1-896c-a00ac3471d51",
        InputTokens: 3,
        OutputTokens: 14,
        CachedInputTokens: null,
        ReasoningTokens: null);

    protected override ChatFixture PlainStream { get; } = new(
        "native-stream.sse",
        "1+1=2",
        ExpectedReasoning: null,
        ModelId: "hunyuan-turbos-latest",
        ResponseId: "148b89ef-14e1-489f-8e70-b767e5b27d56",
        InputTokens: 4,
        OutputTokens: 5, // running usage: the last event's total, not the sum of the events
        CachedInputTokens: null,
        ReasoningTokens: null);

    // The documented non-stream tool call has no Id: the client makes one up from the position.
    protected override ToolCallFixture ToolCall { get; } = new(
        "native-tool-call.json", "call_0", "get_current_weather", "unit", "celsius");

    protected override ToolCallFixture StreamingToolCall { get; } = new(
        "native-stream-tool-call.sse", "call_cq154vk2c3m1v7ep3530", "get_current_weather", "location", "北京");

    protected override IReadOnlyList<ErrorFixture> Errors { get; } =
    [
        new("native-error-invalid-parameter.json", 200, LlmErrorKind.InvalidRequest, "InvalidParameter"),
        new("native-error-auth-signature-failure.json", 200, LlmErrorKind.Authentication, "AuthFailure.SignatureFailure"),
        new("native-error-auth-signature-expire.json", 200, LlmErrorKind.Authentication, "AuthFailure.SignatureExpire"),
        new("native-error-auth-secretid-not-found.json", 200, LlmErrorKind.Authentication, "AuthFailure.SecretIdNotFound"),
        new("native-error-unauthorized-operation.json", 200, LlmErrorKind.PermissionDenied, "AuthFailure.UnauthorizedOperation"),
        new("native-error-engine-limit-exceeded.json", 200, LlmErrorKind.RateLimited, "FailedOperation.EngineServerLimitExceeded"),
        new("native-error-request-limit-exceeded.json", 200, LlmErrorKind.RateLimited, "RequestLimitExceeded"),
        new("native-error-limit-exceeded.json", 200, LlmErrorKind.RateLimited, "LimitExceeded"),
        new("native-error-arrears.json", 200, LlmErrorKind.QuotaExceeded, "FailedOperation.ServiceStopArrears"),
        new("native-error-in-arrears.json", 200, LlmErrorKind.QuotaExceeded, "ResourceUnavailable.InArrears"),
        new("native-error-resource-pack-exhausted.json", 200, LlmErrorKind.QuotaExceeded, "FailedOperation.ResourcePackExhausted"),
        new("native-error-free-resource-pack-exhausted.json", 200, LlmErrorKind.QuotaExceeded, "FailedOperation.FreeResourcePackExhausted"),
        new("native-error-service-not-activated.json", 200, LlmErrorKind.PermissionDenied, "FailedOperation.ServiceNotActivated"),
        new("native-error-model-not-found.json", 200, LlmErrorKind.ModelNotFound, "InvalidParameterValue.Model"),
        new("native-error-text-illegal.json", 200, LlmErrorKind.ContentFiltered, "OperationDenied.TextIllegalDetected"),
        new("native-error-engine-timeout.json", 200, LlmErrorKind.Timeout, "FailedOperation.EngineRequestTimeout"),
        new("native-error-engine-server-error.json", 200, LlmErrorKind.ServerError, "FailedOperation.EngineServerError"),
        new("native-error-internal.json", 200, LlmErrorKind.ServerError, "InternalError"),
        new("native-stream-error-as-json.json", 200, LlmErrorKind.RateLimited, "FailedOperation.EngineServerLimitExceeded"),
    ];

    protected override IChatClient CreateClient(Uri endpoint, Action<ChineseLlmProviderOptions>? configure = null)
    {
        var options = new HunyuanOptions { SecretId = SecretId, SecretKey = SecretApiKey, Endpoint = endpoint };
        configure?.Invoke(options);
        return new HunyuanChatClient(options);
    }

    private HunyuanChatClient CreateClient(TimeProvider time, string? region = null) =>
        new(new HunyuanOptions { SecretId = SecretId, SecretKey = SecretApiKey, Endpoint = Endpoint, Region = region }, httpClient: null, TestServices.Of(time));

    [Fact]
    public async Task GetResponseAsync_Request_IsSignedVerifiablyWithTheTimeProviderClock()
    {
        StubFixture(PlainChat.File);
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1763884800));
        using var client = CreateClient(time, region: "ap-guangzhou");

        await client.GetResponseAsync(Hello);

        var request = Assert.Single(Server.LogEntries).RequestMessage;
        Assert.Equal("POST", request.Method);
        Assert.Equal("application/json; charset=utf-8", Header(request, "Content-Type"));
        Assert.Equal("ChatCompletions", Header(request, "X-TC-Action"));
        Assert.Equal("2023-09-01", Header(request, "X-TC-Version"));
        Assert.Equal("1763884800", Header(request, "X-TC-Timestamp"));
        Assert.Equal("ap-guangzhou", Header(request, "X-TC-Region"));
        Assert.Equal(ExpectedAuthorization(request, "2025-11-23", 1763884800), Header(request, "Authorization"));
        Assert.DoesNotContain(SecretApiKey, Header(request, "Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Request_IsSignedOverTheExactBodyWithoutRegion()
    {
        StubFixture(PlainStream.File);
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1551113065));
        using var client = CreateClient(time);

        await client.GetStreamingResponseAsync(Hello).ToListAsync();

        var request = Assert.Single(Server.LogEntries).RequestMessage;
        Assert.False(request.Headers!.ContainsKey("X-TC-Region"));
        Assert.Equal(ExpectedAuthorization(request, "2019-02-25", 1551113065), Header(request, "Authorization"));
    }

    [Fact]
    public async Task GetResponseAsync_Request_SendsExactPascalCaseJson()
    {
        StubFixture(PlainChat.File);
        using var client = CreateClient(Endpoint);
        var options = new ChatOptions
        {
            ModelId = "hunyuan-functioncall",
            Instructions = "你是天气助手。",
            Temperature = 0.5f,
            TopP = 0.8f,
            Seed = 42,
            StopSequences = ["结束"],
            Tools = WeatherOptions().Tools,
            ToolMode = ChatToolMode.Auto,
            AdditionalProperties = new() { ["EnableEnhancement"] = true, ["enable_enhancement"] = true },
        };
        List<ChatMessage> messages =
        [
            new(ChatRole.User, "北京天气？"),
            new(ChatRole.Assistant, [
                new TextReasoningContent("不回传"),
                new TextContent("查询北京天气。"),
                new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "北京" }),
            ]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", "晴，25℃")]),
        ];

        await client.GetResponseAsync(messages, options);

        var body = JsonNode.Parse(Assert.Single(Server.LogEntries).RequestMessage.Body!)!;
        var expected = JsonNode.Parse("""
            {"Model":"hunyuan-functioncall",
             "Messages":[{"Role":"system","Content":"你是天气助手。"},
                         {"Role":"user","Content":"北京天气？"},
                         {"Role":"assistant","Content":"查询北京天气。","ToolCalls":[{"Id":"call_1","Type":"function","Function":{"Name":"get_weather","Arguments":"{\"city\":\"北京\"}"}}]},
                         {"Role":"tool","Content":"晴，25℃","ToolCallId":"call_1"}],
             "TopP":0.8,"Temperature":0.5,
             "Tools":[{"Type":"function","Function":{"Name":"get_weather","Parameters":"{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}","Description":"Gets the weather for a city."}}],
             "ToolChoice":"auto","Seed":42,"Stop":["结束"],"EnableEnhancement":true}
            """);
        Assert.True(JsonNode.DeepEquals(expected, body), body.ToJsonString());
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ErrorAnsweredAsJson_ThrowsBeforeAnyUpdate()
    {
        StubFixture("native-stream-error-as-json.json", 200, "application/json");
        using var client = CreateClient(Endpoint, o => o.MaxRetryAttempts = 0);
        var seen = 0;

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Hello))
            {
                seen++;
            }
        });

        Assert.Equal(0, seen);
        Assert.Equal(LlmErrorKind.RateLimited, ex.Kind);
        Assert.True(ex.IsTransient);
        Assert.Equal("FailedOperation.EngineServerLimitExceeded", ex.ErrorCode);
        Assert.Equal("61a8459b-27c8-4868-af8f-f374db0245f8", ex.RequestId);
        Assert.Equal(200, ex.StatusCode);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ErrorAnsweredAsTextPlain_IsStillTheVendorError()
    {
        StubFixture("native-error-auth-signature-failure.json", 200, "text/plain");
        using var client = CreateClient(Endpoint);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(async () => await client.GetStreamingResponseAsync(Hello).ToListAsync());

        Assert.Equal(LlmErrorKind.Authentication, ex.Kind);
        Assert.False(ex.IsTransient);
        Assert.Equal("976345b3-e9e9-4270-9ebf-b0d87adc16f2", ex.RequestId);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_HtmlPageWith200_IsProtocolNotAFailoverableNetworkError()
    {
        Stub("<html><body>维护中</body></html>", 200, "text/html");
        using var client = CreateClient(Endpoint);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(async () => await client.GetStreamingResponseAsync(Hello).ToListAsync());

        Assert.Equal(LlmErrorKind.Protocol, ex.Kind);
        Assert.Equal("hunyuan", ex.Provider);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ErrorMsgMidStream_ThrowsTimeoutAfterTheContentSoFar()
    {
        StubFixture("native-stream-error-midstream.sse");
        using var client = CreateClient(Endpoint);
        var text = new StringBuilder();

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Hello))
            {
                text.Append(update.Text);
            }
        });

        Assert.Equal("好的，我来", text.ToString());
        Assert.Equal(LlmErrorKind.Timeout, ex.Kind);
        Assert.Equal("4001", ex.ErrorCode);
        Assert.Equal("req-conformance-42", ex.RequestId);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Reasoning_MapsReasoningThenTextAndLastUsage()
    {
        StubFixture("native-stream-reasoning.sse");
        using var client = CreateClient(Endpoint);

        var updates = await client.GetStreamingResponseAsync(Hello, new ChatOptions { ModelId = "hunyuan-t1-latest" }).ToListAsync();
        var response = updates.ToChatResponse();

        Assert.Equal("9.11 比 9.9 小。", response.Text);
        Assert.Equal(
            "比较 9.11 和 9.9：整数部分都是 9；0.11 < 0.90，所以 9.11 更小。",
            string.Concat(response.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().Select(r => r.Text)));
        Assert.Equal(38, response.Usage!.OutputTokenCount);
        Assert.Equal(53, response.Usage.TotalTokenCount);
        Assert.Equal("hunyuan-t1-latest", response.ModelId);
        Assert.Equal("req-conformance-42", updates[^1].AdditionalProperties!["request_id"]);
    }

    [Fact]
    public async Task GetResponseAsync_Reasoning_MapsReasoningAndCachedTokens()
    {
        StubFixture("native-reasoning.json");
        using var client = CreateClient(Endpoint);

        var response = await client.GetResponseAsync(Hello, new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High } });

        Assert.Equal("9.11 比 9.9 小。", response.Text);
        Assert.StartsWith("比较 9.11 和 9.9", Assert.Single(response.Messages[0].Contents.OfType<TextReasoningContent>()).Text, StringComparison.Ordinal);
        Assert.Equal(0, response.Usage!.CachedInputTokenCount);
        Assert.Equal("2c1e7b9a-6f0d-4b8e-9a55-3f1d2e7c4b10", response.AdditionalProperties!["request_id"]);
        var sent = JsonNode.Parse(Assert.Single(Server.LogEntries).RequestMessage.Body!)!;
        Assert.True(sent["EnableThinking"]!.GetValue<bool>());
    }

    [Fact]
    public async Task GetResponseAsync_TwoToolCallsWithIds_KeepsTheVendorIds()
    {
        StubFixture("native-tool-call-with-id.json");
        using var client = CreateClient(Endpoint);

        var response = await client.GetResponseAsync(Hello, WeatherOptions());

        var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(["call_cq154vk2c3m1v7ep3530", "call_cq154vk2c3m1v7ep353g"], calls.Select(c => c.CallId));
        Assert.Equal(["北京", "深圳"], calls.Select(c => c.Arguments!["location"]!.ToString()));
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
    }

    [Fact]
    public async Task GetResponseAsync_ErrorInside200_IsNotRetriedByTheHttpPipeline()
    {
        StubFixture("native-error-engine-limit-exceeded.json");
        using var client = CreateClient(Endpoint);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(Hello));

        Assert.True(ex.IsTransient); // the router may fail over; the HTTP pipeline does not re-read 200 bodies
        Assert.Single(Server.LogEntries);
    }

    [Fact]
    public async Task GetResponseAsync_ApiErrorWithErrorStatus_UsesTheBodysCode()
    {
        Server.Given(Request.Create().UsingPost()).RespondWith(Response.Create()
            .WithStatusCode(500).WithHeader("Content-Type", "application/json").WithBody(Payload.Read("hunyuan", "native-error-internal.json")));
        using var client = CreateClient(Endpoint, o => o.MaxRetryAttempts = 0);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(Hello));

        Assert.Equal(LlmErrorKind.ServerError, ex.Kind);
        Assert.Equal(500, ex.StatusCode);
        Assert.Equal("InternalError", ex.ErrorCode);
        Assert.Equal("f9e8d7c6-b5a4-4938-8271-605f4e3d2c1b", ex.RequestId);
    }

    private static string Header(IRequestMessage request, string name) =>
        request.Headers!.First(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value.Single();

    /// <summary>Recomputes TC3-HMAC-SHA256 from what arrived (Host, Content-Type, body) with the test's secret.</summary>
    private static string ExpectedAuthorization(IRequestMessage request, string date, long timestamp)
    {
        var canonical = Tc3Signer.BuildCanonicalRequest(Header(request, "Content-Type"), Header(request, "Host"), request.BodyAsBytes!);
        var stringToSign = Tc3Signer.BuildStringToSign(timestamp, date, "hunyuan", canonical);
        var signature = new Tc3Signer(SecretId, SecretApiKey, "hunyuan", TimeProvider.System).ComputeSignature(date, stringToSign);
        return $"TC3-HMAC-SHA256 Credential={SecretId}/{date}/hunyuan/tc3_request, SignedHeaders=content-type;host, Signature={signature}";
    }
}
