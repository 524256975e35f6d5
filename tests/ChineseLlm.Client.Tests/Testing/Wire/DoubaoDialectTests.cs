using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Testing.Wire;

/// <summary>
/// There are no captured Ark payloads in tests/Payloads yet, so the reference shapes here are transcribed from
/// shared/protocols/doubao-hunyuan.md §1 and the Ark API reference (volcengine.com/docs/82379: chat response,
/// streaming chunk, error codes page 1299023).
/// </summary>
public sealed class DoubaoDialectTests
{
    private const string Chat = """
        {"choices":[{"finish_reason":"stop","index":0,"logprobs":null,"message":{"content":"你好！","role":"assistant"}}],
         "created":1742631811,"id":"0217426318107460cfa43dc3f3683b1de1c09624ff49085a456ac","model":"doubao-1-5-pro-32k-250115",
         "service_tier":"default","object":"chat.completion",
         "usage":{"completion_tokens":9,"prompt_tokens":19,"total_tokens":28,"prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}}
        """;

    private const string ChatWithReasoningAndTools = """
        {"choices":[{"finish_reason":"tool_calls","index":0,"logprobs":null,"message":{"content":"","reasoning_content":"需要查天气。","role":"assistant",
         "tool_calls":[{"index":0,"id":"call_8sbwm7q2yfd1q9pbqodflgkh","type":"function","function":{"name":"get_weather","arguments":"{\"location\": \"北京\"}"}}]}}],
         "created":1742631811,"id":"0217426318107460cfa43dc3f3683b1de1c09624ff49085a456ac","model":"doubao-seed-1-6-250615",
         "service_tier":"default","object":"chat.completion",
         "usage":{"completion_tokens":40,"prompt_tokens":80,"total_tokens":120,"prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":12}}}
        """;

    private static readonly string[] StreamChunks =
    [
        """{"choices":[{"delta":{"content":"你","role":"assistant"},"index":0}],"created":1742632436,"id":"021742632435712396f12d018b5d576a7a55349c2eba0815061fc","model":"doubao-1-5-pro-32k-250115","service_tier":"default","object":"chat.completion.chunk","usage":null}""",
        """{"choices":[{"delta":{"content":"","role":"assistant"},"finish_reason":"stop","index":0}],"created":1742632436,"id":"021742632435712396f12d018b5d576a7a55349c2eba0815061fc","model":"doubao-1-5-pro-32k-250115","service_tier":"default","object":"chat.completion.chunk","usage":null}""",
        """{"choices":[],"created":1742632436,"id":"021742632435712396f12d018b5d576a7a55349c2eba0815061fc","model":"doubao-1-5-pro-32k-250115","service_tier":"default","object":"chat.completion.chunk","usage":{"completion_tokens":9,"prompt_tokens":19,"total_tokens":28,"prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}}""",
    ];

    private const string Error = """
        {"error":{"code":"AuthenticationError","message":"The API key or AK/SK in the request is missing or invalid. Request id: 0217426318107460cfa43dc3f3683b1de1c09624ff49085a456ac","param":"","type":"Unauthorized"}}
        """;

    [Fact]
    public async Task Reply_NonStreaming_MatchesTheDocumentedShape()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetReply(FixtureShapes.Plain);
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.Doubao);
        AssertSameShape(JsonShape.Of(Parse(Chat)), JsonShape.Of(await SimulatorCall.ReadJsonAsync(response)));
    }

    [Fact]
    public async Task Reply_ReasoningAndToolCall_MatchesTheDocumentedShape()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetReply(FixtureShapes.ThinkingToolCall);
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.Doubao, tools: true);
        var body = await SimulatorCall.ReadJsonAsync(response);
        AssertSameShape(JsonShape.Of(Parse(ChatWithReasoningAndTools)), JsonShape.Of(body));
        Assert.StartsWith("call_", body.GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls")[0].GetProperty("id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reply_StreamingWithIncludeUsage_MatchesTheDocumentedChunks()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetReply(FixtureShapes.Plain);
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.Doubao, stream: true, includeUsage: true);
        var events = await SimulatorCall.ReadEventsAsync(response);
        Assert.Equal("[DONE]", events[^1].Data);
        var chunks = SimulatorCall.JsonEvents(events);
        AssertSameShape(JsonShape.Of(StreamChunks.Select(Parse)), JsonShape.Of(chunks));
        Assert.Equal(0, chunks[^1].GetProperty("choices").GetArrayLength());
        Assert.Equal(JsonValueKind.Object, chunks[^1].GetProperty("usage").ValueKind);
    }

    [Fact]
    public async Task Reply_StreamingWithoutIncludeUsage_SendsNoUsage()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider());
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.Doubao, stream: true);
        var chunks = SimulatorCall.JsonEvents(await SimulatorCall.ReadEventsAsync(response));
        Assert.All(chunks, c => Assert.Equal(JsonValueKind.Null, c.GetProperty("usage").ValueKind));
    }

    [Theory]
    [InlineData(LlmErrorKind.Authentication, 401, "AuthenticationError", "Unauthorized")]
    [InlineData(LlmErrorKind.PermissionDenied, 403, "AccessDenied", "Forbidden")]
    [InlineData(LlmErrorKind.QuotaExceeded, 403, "AccountOverdueError", "Forbidden")]
    [InlineData(LlmErrorKind.ModelNotFound, 404, "InvalidEndpointOrModel.NotFound", "NotFound")]
    [InlineData(LlmErrorKind.InvalidRequest, 400, "InvalidParameter", "BadRequest")]
    [InlineData(LlmErrorKind.ContentFiltered, 400, "InputTextSensitiveContentDetected", "BadRequest")]
    [InlineData(LlmErrorKind.RateLimited, 429, "RateLimitExceeded.EndpointRPMExceeded", "TooManyRequests")]
    [InlineData(LlmErrorKind.ServerError, 500, "InternalServiceError", "InternalServerError")]
    public async Task Error_Kind_SendsTheArkCodeAndStatus(LlmErrorKind kind, int status, string code, string type)
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetFault("doubao", SimulatedFault.Error(kind));
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.Doubao);
        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        var body = await SimulatorCall.ReadJsonAsync(response);
        AssertSameShape(JsonShape.Of(Parse(Error)), JsonShape.Of(body));
        var error = body.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(type, error.GetProperty("type").GetString());

        // The request id sits at the end of the message and in the X-Request-Id header.
        var requestId = response.Headers.GetValues("X-Request-Id").Single();
        Assert.EndsWith("Request id: " + requestId, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static void AssertSameShape(JsonShape documented, JsonShape sent)
    {
        JsonShape.AssertCovers(documented, sent, "Doubao documented shape vs simulator");
        JsonShape.AssertWithin(sent, documented, [], "Doubao simulator");
    }
}
