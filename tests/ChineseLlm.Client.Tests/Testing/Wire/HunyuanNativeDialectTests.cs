using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Testing.Wire;

/// <summary>
/// There are no captured Hunyuan payloads in tests/Payloads yet, so the reference shapes here are transcribed from
/// shared/protocols/doubao-hunyuan.md §2 and the ChatCompletions models of tencentcloud-sdk-python
/// (<c>tencentcloud/hunyuan/v20230901/models.py</c>: ChatCompletionsResponse, Choice, Delta, Message, ToolCall, Usage).
/// </summary>
public sealed class HunyuanNativeDialectTests
{
    private const string Chat = """
        {"Response":{"RequestId":"ed93f3cb-f35e-473f-b9f3-0d451b8b79c6","Note":"以上内容为AI生成，不代表开发者立场，请勿删除或修改本标记",
         "Choices":[{"Index":0,"Message":{"Role":"assistant","Content":"你好！"},"FinishReason":"stop"}],
         "Created":1715154022,"Id":"ed93f3cb-f35e-473f-b9f3-0d451b8b79c6","Usage":{"PromptTokens":3,"CompletionTokens":14,"TotalTokens":17}}}
        """;

    private const string ChatWithReasoningAndTools = """
        {"Response":{"RequestId":"ed93f3cb-f35e-473f-b9f3-0d451b8b79c6","Note":"以上内容为AI生成，不代表开发者立场，请勿删除或修改本标记",
         "Choices":[{"Index":0,"Message":{"Role":"assistant","Content":"","ReasoningContent":"需要查天气。",
           "ToolCalls":[{"Id":"call_cqqjfsj4u2ra8mn4ph0g","Type":"function","Function":{"Name":"get_weather","Arguments":"{\"location\": \"北京\"}"},"Index":0}]},
           "FinishReason":"tool_calls"}],
         "Created":1715154022,"Id":"ed93f3cb-f35e-473f-b9f3-0d451b8b79c6","Usage":{"PromptTokens":30,"CompletionTokens":24,"TotalTokens":54}}}
        """;

    private const string StreamChunk = """
        {"Note":"以上内容为AI生成，不代表开发者立场，请勿删除或修改本标记","Choices":[{"Index":0,"Delta":{"Role":"assistant","Content":"你好"},"FinishReason":""}],
         "Created":1695797010,"Id":"ed93f3cb-f35e-473f-b9f3-0d451b8b79c6","Usage":{"PromptTokens":3,"CompletionTokens":1,"TotalTokens":4}}
        """;

    private const string Error = """
        {"Response":{"Error":{"Code":"AuthFailure.SignatureFailure","Message":"The provided credentials could not be validated. Please check your signature is correct."},"RequestId":"ed93f3cb-f35e-473f-b9f3-0d451b8b79c6"}}
        """;

    [Fact]
    public async Task Reply_NonStreaming_MatchesTheDocumentedShape()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetReply(FixtureShapes.Plain);
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.HunyuanNative);
        AssertSameShape(JsonShape.Of(Parse(Chat)), JsonShape.Of(await SimulatorCall.ReadJsonAsync(response)));
    }

    [Fact]
    public async Task Reply_ReasoningAndToolCall_MatchesTheDocumentedShape()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetReply(FixtureShapes.ThinkingToolCall);
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.HunyuanNative, tools: true);
        AssertSameShape(JsonShape.Of(Parse(ChatWithReasoningAndTools)), JsonShape.Of(await SimulatorCall.ReadJsonAsync(response)));
    }

    [Fact]
    public async Task Reply_Streaming_MatchesTheDocumentedChunkWithRunningUsageAndNoDone()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetReply(new SimulatedReply { Text = "你好！我是混元。", InputTokens = 3, OutputTokens = 8, StreamChunkLength = 2 });
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.HunyuanNative, stream: true);
        Assert.True(response.Headers.Contains("X-TC-RequestId"));
        var events = await SimulatorCall.ReadEventsAsync(response);
        Assert.DoesNotContain(events, e => e.Data == "[DONE]");
        var chunks = SimulatorCall.JsonEvents(events);
        AssertSameShape(JsonShape.Of(Parse(StreamChunk)), JsonShape.Of(chunks));

        var finish = chunks.Select(c => c.GetProperty("Choices")[0].GetProperty("FinishReason").GetString()).ToList();
        Assert.All(finish[..^1], f => Assert.Equal(string.Empty, f));
        Assert.Equal("stop", finish[^1]);
        var completion = chunks.Select(c => c.GetProperty("Usage").GetProperty("CompletionTokens").GetInt32()).ToList();
        Assert.Equal(completion.Order(), completion);
        Assert.Equal(8, completion[^1]);
        Assert.Equal("你好！我是混元。", string.Concat(chunks.Select(c => c.GetProperty("Choices")[0].GetProperty("Delta").GetProperty("Content").GetString())));
    }

    [Theory]
    [InlineData(LlmErrorKind.Authentication, "AuthFailure.SignatureFailure")]
    [InlineData(LlmErrorKind.PermissionDenied, "AuthFailure.UnauthorizedOperation")]
    [InlineData(LlmErrorKind.RateLimited, "FailedOperation.EngineServerLimitExceeded")]
    [InlineData(LlmErrorKind.QuotaExceeded, "FailedOperation.ResourcePackExhausted")]
    [InlineData(LlmErrorKind.ContentFiltered, "OperationDenied.TextIllegalDetected")]
    [InlineData(LlmErrorKind.ModelNotFound, "InvalidParameterValue.Model")]
    [InlineData(LlmErrorKind.InvalidRequest, "InvalidParameter")]
    [InlineData(LlmErrorKind.ServerError, "FailedOperation.EngineServerError")]
    public async Task Error_Kind_IsResponseErrorInsideHttp200EvenForStreams(LlmErrorKind kind, string code)
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetFault("hunyuan", SimulatedFault.Error(kind));
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.HunyuanNative, stream: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await SimulatorCall.ReadJsonAsync(response);
        AssertSameShape(JsonShape.Of(Parse(Error)), JsonShape.Of(body));
        Assert.Equal(code, body.GetProperty("Response").GetProperty("Error").GetProperty("Code").GetString());
    }

    [Fact]
    public async Task Reply_WithoutTc3Authorization_AnswersAuthFailure()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider());
        using var client = new HttpClient(simulator);
        var request = await SimulatorCall.ChatRequestAsync(simulator, SimulatedProtocol.HunyuanNative);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-tc3");
        using var response = await client.SendAsync(request);
        var body = await SimulatorCall.ReadJsonAsync(response);
        Assert.Equal("AuthFailure.SignatureFailure", body.GetProperty("Response").GetProperty("Error").GetProperty("Code").GetString());
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static void AssertSameShape(JsonShape documented, JsonShape sent)
    {
        JsonShape.AssertCovers(documented, sent, "Hunyuan documented shape vs simulator");
        JsonShape.AssertWithin(sent, documented, [], "Hunyuan simulator");
    }
}
