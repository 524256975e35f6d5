using System.Text.Json;
using ChineseLlm.Client.Conformance;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Providers.MiniMax;

public sealed class MiniMaxConformanceTests : ProviderConformanceTests
{
    protected override string ProviderKey => "minimax";

    protected override Uri Endpoint => new(Server.Url + "/v1");

    protected override string ExpectedPath => "/v1/chat/completions";

    protected override string RequestIdHeader => "Trace-Id";

    /// <summary>Native-route body: <c>reasoning_content</c>, reasoning tokens, sensitivity flags, <c>base_resp</c> 0.</summary>
    protected override ChatFixture PlainChat { get; } = new(
        "chat-plain.json",
        "Hello! How can I assist you?",
        ExpectedReasoning: "The user greets me; reply briefly and offer help.",
        ModelId: "MiniMax-M1",
        ResponseId: "04ecb5d9b1921ae0fb0e8da9017a5474",
        InputTokens: 26,
        OutputTokens: 223,
        CachedInputTokens: null,
        ReasoningTokens: 214);

    /// <summary><c>: ping</c> comments, <c>reasoning_details</c> deltas, a <c>choices:[]</c> usage chunk.</summary>
    protected override ChatFixture PlainStream { get; } = new(
        "stream-reasoning-details.sse",
        "17 × 23 = 391。",
        ExpectedReasoning: "17×20=340，17×3=51。",
        ModelId: "MiniMax-M2.7",
        ResponseId: "063a1c9e2b7f4d0a8e5c3b1f9a7d6e45",
        InputTokens: 41,
        OutputTokens: 45,
        CachedInputTokens: null,
        ReasoningTokens: 28);

    protected override ToolCallFixture ToolCall { get; } = new(
        "chat-tool-call.json", "call_function_3k8f2m1q9z_1", "get_weather", "city", "上海", "需要调用天气工具。");

    protected override ToolCallFixture StreamingToolCall { get; } = new(
        "stream-tool-call.sse", "call_function_7q2w9e4r1t_1", "get_weather", "city", "上海", "需要调用天气工具。");

    /// <summary>All of MiniMax's business errors arrive inside HTTP 200 as <c>base_resp</c>.</summary>
    protected override IReadOnlyList<ErrorFixture> Errors { get; } =
    [
        new("error-200-2013-invalid-params.json", 200, LlmErrorKind.InvalidRequest, "2013"),
        new("error-200-2061-plan-model.json", 200, LlmErrorKind.PermissionDenied, "2061"),
        new("error-200-2056-plan-exhausted.json", 200, LlmErrorKind.QuotaExceeded, "2056"),
        new("error-200-1008-insufficient-balance.json", 200, LlmErrorKind.QuotaExceeded, "1008"),
        new("error-200-1004-auth-failed.json", 200, LlmErrorKind.Authentication, "1004"),
        new("error-200-1002-rate-limit.json", 200, LlmErrorKind.RateLimited, "1002"),
        new("error-200-1026-input-sensitive.json", 200, LlmErrorKind.ContentFiltered, "1026"),
        new("error-200-1027-output-sensitive.json", 200, LlmErrorKind.ContentFiltered, "1027"),
        new("error-200-1039-token-limit.json", 200, LlmErrorKind.ContextLengthExceeded, "1039"),
        new("error-200-1013-internal.json", 200, LlmErrorKind.ServerError, "1013"),
    ];

    protected override IChatClient CreateClient(Uri endpoint, Action<ChineseLlmProviderOptions>? configure = null)
    {
        var options = new MiniMaxOptions { ApiKey = SecretApiKey, Endpoint = endpoint };
        configure?.Invoke(options);
        return new MiniMaxChatClient(options);
    }

    /// <summary>
    /// The API reference (text-post, docs/protocols/minimax.md "Request"): <c>tool_choice</c> is <c>none</c> or
    /// <c>auto</c> only. A required tool (any or a named one) is refused before sending, not sent to fail with 2013.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GetResponseAsync_RequiredToolMode_IsRefusedBeforeSending(bool specific)
    {
        StubFixture(ToolCall.File);
        using var client = CreateClient(Endpoint);
        var options = new ChatOptions
        {
            Tools = [AIFunctionFactory.Create((string city) => city, "get_weather")],
            ToolMode = specific ? ChatToolMode.RequireSpecific("get_weather") : ChatToolMode.RequireAny,
        };

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(Hello, options));

        Assert.Equal(LlmErrorKind.InvalidRequest, ex.Kind);
        Assert.Contains("tool_choice", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Server.LogEntries);
    }

    /// <summary>The two documented values are sent as such.</summary>
    [Theory]
    [InlineData("auto")]
    [InlineData("none")]
    public async Task GetResponseAsync_AutoOrNoneToolMode_IsSent(string mode)
    {
        StubFixture(ToolCall.File);
        using var client = CreateClient(Endpoint);
        var options = new ChatOptions
        {
            Tools = [AIFunctionFactory.Create((string city) => city, "get_weather")],
            ToolMode = mode == "auto" ? ChatToolMode.Auto : ChatToolMode.None,
        };

        await client.GetResponseAsync(Hello, options);

        using var body = JsonDocument.Parse(Assert.Single(Server.LogEntries).RequestMessage.Body!);
        Assert.Equal(mode, body.RootElement.GetProperty("tool_choice").GetString());
    }

    [Fact]
    public async Task GetResponseAsync_Request_AsksForReasoningSplitAndMaxCompletionTokens()
    {
        StubFixture(PlainChat.File);
        using var client = CreateClient(Endpoint);

        await client.GetResponseAsync(Hello, new ChatOptions { MaxOutputTokens = 512 });

        using var body = JsonDocument.Parse(Assert.Single(Server.LogEntries).RequestMessage.Body!);
        Assert.True(body.RootElement.GetProperty("reasoning_split").GetBoolean());
        Assert.Equal(512, body.RootElement.GetProperty("max_completion_tokens").GetInt32());
        Assert.False(body.RootElement.TryGetProperty("max_tokens", out _));
        Assert.Equal("MiniMax-M2.7", body.RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public async Task GetResponseAsync_ReasoningDetails_BecomeReasoningContent()
    {
        StubFixture("chat-reasoning-details.json");
        using var client = CreateClient(Endpoint);

        var response = await client.GetResponseAsync(Hello);

        Assert.Equal("17 × 23 = 391。", response.Text);
        Assert.Equal("17×20=340，17×3=51，合计 391。", Reasoning(response.Messages.SelectMany(m => m.Contents)));
    }

    [Fact]
    public async Task GetResponseAsync_ThinkTagsInContent_AreSplitOff()
    {
        StubFixture("chat-think-tags.json");
        using var client = CreateClient(Endpoint);

        var response = await client.GetResponseAsync(Hello);

        Assert.Equal("17 × 23 = 391。", response.Text);
        Assert.Equal("\n17×20=340，17×3=51，合计 391。\n", Reasoning(response.Messages.SelectMany(m => m.Contents)));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_FinalFullMessageFrame_IsNotAppendedAgain()
    {
        StubFixture("stream-final-full-message.sse");
        using var client = CreateClient(Endpoint);

        var updates = await client.GetStreamingResponseAsync(Hello).ToListAsync();

        var response = updates.ToChatResponse();
        Assert.Equal("Hello! How can I assist you today?", response.Text);
        Assert.Equal(73, response.Usage?.TotalTokenCount);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ErrorFrame_RaisesQuotaExceeded()
    {
        StubFixture("stream-error-2056.sse");
        using var client = CreateClient(Endpoint);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(async () => await client.GetStreamingResponseAsync(Hello).ToListAsync());

        Assert.Equal(LlmErrorKind.QuotaExceeded, ex.Kind);
        Assert.Equal("2056", ex.ErrorCode);
        Assert.False(ex.IsTransient);
    }

    [Fact]
    public async Task GetResponseAsync_BusinessErrorWithoutTraceHeader_UsesBodyIdAsRequestId()
    {
        Server.Given(WireMock.RequestBuilders.Request.Create().UsingPost()).RespondWith(
            WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody(Payload.Read("minimax", "error-200-2061-plan-model.json")));
        using var client = CreateClient(Endpoint);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(Hello));

        Assert.Equal("0637e81341eec253ae806406d16766a5", ex.RequestId);
        Assert.Contains("token plan not support model", ex.Message, StringComparison.Ordinal);
    }

    private static string Reasoning(IEnumerable<AIContent> contents) =>
        string.Concat(contents.OfType<TextReasoningContent>().Select(r => r.Text));
}
