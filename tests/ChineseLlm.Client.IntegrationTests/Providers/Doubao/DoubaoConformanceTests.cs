using System.Text.Json.Nodes;
using ChineseLlm.Client.Conformance;
using Microsoft.Extensions.AI;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ChineseLlm.Client.Providers.Doubao;

public sealed class DoubaoConformanceTests : ProviderConformanceTests
{
    protected override string ProviderKey => "doubao";

    protected override string ExpectedPath => "/chat/completions";

    protected override string RequestIdHeader => "X-Request-Id";

    protected override ChatFixture PlainChat { get; } = new(
        "chat-plain.json",
        "我是一个能为你解答各种问题、提供丰富信息和友好交流的人工智能。",
        ExpectedReasoning: null,
        ModelId: "doubao-seed-character-251128",
        ResponseId: "021781161090079d7b3351599aaeccdacf18b44507ad3d59bb729",
        InputTokens: 18,
        OutputTokens: 19,
        CachedInputTokens: 0,
        ReasoningTokens: 0);

    protected override ChatFixture PlainStream { get; } = new(
        "stream-thinking-include-usage.sse",
        "Hello! 😊",
        ExpectedReasoning: "用户在打招呼，友好地回应即可。",
        ModelId: "doubao-seed-1-6-250615",
        ResponseId: "0217588133559349544d93cbdf8c60805d428c33f3725821804f8",
        InputTokens: 90,
        OutputTokens: 124,
        CachedInputTokens: 0,
        ReasoningTokens: 106);

    protected override ToolCallFixture ToolCall { get; } = new(
        "chat-tool-call.json", "call_1ppulc794iicnf7a9tnf8ky4", "get_weather", "city", "北京");

    protected override ToolCallFixture StreamingToolCall { get; } = new(
        "stream-tool-call.sse", "call_8q6ykl9a2mzr4x0b7c3d5e1f", "get_weather", "city", "北京");

    protected override IReadOnlyList<ErrorFixture> Errors { get; } =
    [
        new("error-400-invalid-parameter.json", 400, LlmErrorKind.InvalidRequest, "InvalidParameter"),
        new("error-400-missing-parameter.json", 400, LlmErrorKind.InvalidRequest, "MissingParameter"),
        new("error-400-sensitive-content.json", 400, LlmErrorKind.ContentFiltered, "SensitiveContentDetected"),
        new("error-400-input-text-sensitive.json", 400, LlmErrorKind.ContentFiltered, "InputTextSensitiveContentDetected"),
        new("error-400-output-text-sensitive.json", 400, LlmErrorKind.ContentFiltered, "OutputTextSensitiveContentDetected"),
        new("error-400-out-of-context.json", 400, LlmErrorKind.ContextLengthExceeded, "OutofContextError"),
        new("error-401-authentication.json", 401, LlmErrorKind.Authentication, "AuthenticationError"),
        new("error-403-access-denied.json", 403, LlmErrorKind.PermissionDenied, "AccessDenied"),
        new("error-403-account-overdue.json", 403, LlmErrorKind.QuotaExceeded, "AccountOverdueError"),
        new("error-404-model-not-found.json", 404, LlmErrorKind.ModelNotFound, "InvalidEndpointOrModel.NotFound"),
        new("error-404-invalid-endpoint.json", 404, LlmErrorKind.ModelNotFound, "InvalidEndpoint.NotFound"),
        new("error-404-model-not-open.json", 404, LlmErrorKind.ModelNotFound, "ModelNotOpen"),
        new("error-429-endpoint-rpm.json", 429, LlmErrorKind.RateLimited, "RateLimitExceeded.EndpointRPMExceeded"),
        new("error-429-endpoint-tpm.json", 429, LlmErrorKind.RateLimited, "RateLimitExceeded.EndpointTPMExceeded"),
        new("error-429-server-overloaded.json", 429, LlmErrorKind.RateLimited, "ServerOverloaded"),
        new("error-429-quota-exceeded.json", 429, LlmErrorKind.QuotaExceeded, "QuotaExceeded"),
        new("error-429-set-limit-exceeded.json", 429, LlmErrorKind.QuotaExceeded, "SetLimitExceeded"),
        new("error-500-internal.json", 500, LlmErrorKind.ServerError, "InternalServiceError"),
    ];

    protected override IChatClient CreateClient(Uri endpoint, Action<ChineseLlmProviderOptions>? configure = null)
    {
        var options = new DoubaoOptions { ApiKey = SecretApiKey, Endpoint = endpoint };
        configure?.Invoke(options);
        return new DoubaoChatClient(options);
    }

    [Theory]
    [InlineData("error-400-invalid-parameter.json", 400, "021781161091034d7b3351599aaeccdacf18b44507ad3d5c14ea3")]
    [InlineData("error-404-invalid-endpoint.json", 404, "021738925468725d237d31a05adcf01e52f51c0f328db3e922dfb")]
    [InlineData("error-403-account-overdue.json", 403, "021784105426127e7a0e121a78287261e362ecd929ed85342f035")]
    public async Task GetResponseAsync_ErrorWithoutRequestIdHeader_TakesTheIdFromTheMessage(string file, int status, string requestId)
    {
        Server.Given(Request.Create().UsingPost()).RespondWith(Response.Create()
            .WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(Payload.Read("doubao", file)));
        using var client = CreateClient(Endpoint, o => o.MaxRetryAttempts = 0);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(Hello));

        Assert.Equal(requestId, ex.RequestId);
        Assert.Equal(status, ex.StatusCode);
    }

    [Fact]
    public async Task GetResponseAsync_Overdue403_IsNotRetried()
    {
        StubFixture("error-403-account-overdue.json", 403);
        using var client = CreateClient(Endpoint);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(Hello));

        Assert.False(ex.IsTransient);
        Assert.Single(Server.LogEntries);
    }

    [Fact]
    public async Task GetResponseAsync_QuotaExceeded429_IsNotRetriedButRpm429Is()
    {
        StubFixture("error-429-quota-exceeded.json", 429);
        using (var client = CreateClient(Endpoint, o => o.MaxRetryAttempts = 1))
        {
            var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(Hello));
            Assert.Equal(LlmErrorKind.QuotaExceeded, ex.Kind);
            Assert.Single(Server.LogEntries);
        }

        Server.Reset();
        Server.Given(Request.Create().UsingPost()).InScenario("rpm").WillSetStateTo("ok").RespondWith(Response.Create()
            .WithStatusCode(429).WithHeader("Content-Type", "application/json").WithHeader("Retry-After", "0")
            .WithBody(Payload.Read("doubao", "error-429-endpoint-rpm.json")));
        Server.Given(Request.Create().UsingPost()).InScenario("rpm").WhenStateIs("ok").RespondWith(Response.Create()
            .WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Payload.Read("doubao", "chat-plain.json")));
        using (var client = CreateClient(Endpoint, o => o.MaxRetryAttempts = 1))
        {
            var response = await client.GetResponseAsync(Hello);
            Assert.Equal(PlainChat.ExpectedText, response.Text);
            Assert.Equal(2, Server.LogEntries.Count);
        }
    }

    [Fact]
    public async Task GetResponseAsync_ThinkingReply_MapsReasoningAndReasoningTokens()
    {
        StubFixture("chat-thinking.json");
        using var client = CreateClient(Endpoint);

        var response = await client.GetResponseAsync(Hello);

        Assert.Equal("<p>Product Specifications</p>", response.Text);
        var reasoning = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>());
        Assert.StartsWith("\n用户让我把代码中的中文", reasoning.Text, StringComparison.Ordinal);
        Assert.Equal(146, response.Usage!.ReasoningTokenCount);
        Assert.Equal(153, response.Usage.OutputTokenCount);
        Assert.Equal("021750762813358f25149d267da02f550d0000dce333d6986c337", response.ResponseId);
    }

    [Fact]
    public async Task GetResponseAsync_CacheHit_ReportsCachedInputTokens()
    {
        StubFixture("chat-cached-tokens.json");
        using var client = CreateClient(Endpoint);

        var response = await client.GetResponseAsync(Hello);

        Assert.Equal(6210, response.Usage!.InputTokenCount);
        Assert.Equal(5888, response.Usage.CachedInputTokenCount);
        Assert.Equal(31, response.Usage.ReasoningTokenCount);
        Assert.Equal("doubao-seed-1-6-flash-250828", response.ModelId);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ErrorEventMidStream_ThrowsAfterTheFirstUpdate()
    {
        StubFixture("stream-error-midstream.sse");
        using var client = CreateClient(Endpoint);
        var seen = new List<ChatResponseUpdate>();

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Hello))
            {
                seen.Add(update);
            }
        });

        Assert.Single(seen);
        Assert.Equal(LlmErrorKind.ServerError, ex.Kind);
        Assert.Equal("InternalServiceError", ex.ErrorCode);
        Assert.Equal("req-conformance-42", ex.RequestId); // the header wins over the id in the message
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Request_SendsEndpointIdIncludeUsageThinkingAndBearer()
    {
        StubFixture(PlainStream.File);
        using var client = CreateClient(Endpoint);
        var options = new ChatOptions
        {
            ModelId = "ep-20250504112638-zjqvx",
            MaxOutputTokens = 512,
            Reasoning = new ReasoningOptions { Effort = ReasoningEffort.None },
        };

        await client.GetStreamingResponseAsync(Hello, options).ToListAsync();

        var entry = Assert.Single(Server.LogEntries);
        var body = JsonNode.Parse(entry.RequestMessage.Body!)!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"model":"ep-20250504112638-zjqvx","messages":[{"role":"user","content":"你好"}],"stream":true,
             "stream_options":{"include_usage":true},"max_tokens":512,"thinking":{"type":"disabled"}}
            """), body), body.ToJsonString());
        Assert.Equal($"Bearer {SecretApiKey}", entry.RequestMessage.Headers!["Authorization"].Single());
    }

    [Fact]
    public async Task GetResponseAsync_ThinkingAuto_SendsTypeAuto()
    {
        StubFixture(PlainChat.File);
        using var client = CreateClient(Endpoint);

        await client.GetResponseAsync(Hello, new ChatOptions { AdditionalProperties = new() { ["thinking"] = "auto" } });

        var body = JsonNode.Parse(Assert.Single(Server.LogEntries).RequestMessage.Body!)!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"type":"auto"}"""), body["thinking"]), body.ToJsonString());
    }
}
