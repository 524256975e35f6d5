using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Testing.Wire;

public sealed class HunyuanNativeDialectTests
{
    private static readonly JsonShape Vendor = FixtureShapes.VendorShape("hunyuan", "native-");

    public static TheoryData<string, string> Replies => new()
    {
        { "hunyuan/native-chat.json", nameof(FixtureShapes.Plain) },
        { "hunyuan/native-reasoning.json", nameof(FixtureShapes.Thinking) },
        { "hunyuan/native-tool-call-with-id.json", nameof(FixtureShapes.ToolCall) },
        { "hunyuan/native-stream.sse", nameof(FixtureShapes.Plain) },
        { "hunyuan/native-stream-reasoning.sse", nameof(FixtureShapes.Thinking) },
        { "hunyuan/native-stream-tool-call.sse", nameof(FixtureShapes.ToolCall) },
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public Task Reply_Scenario_MatchesFixtureShape(string fixture, string reply) =>
        FixtureShapes.AssertReplyMatchesAsync(SimulatedProtocol.HunyuanNative, fixture, FixtureShapes.Named(reply), Vendor);

    [Theory]
    [InlineData("hunyuan/native-error-auth-signature-failure.json", LlmErrorKind.Authentication)]
    [InlineData("hunyuan/native-error-unauthorized-operation.json", LlmErrorKind.PermissionDenied)]
    [InlineData("hunyuan/native-error-engine-limit-exceeded.json", LlmErrorKind.RateLimited)]
    [InlineData("hunyuan/native-error-resource-pack-exhausted.json", LlmErrorKind.QuotaExceeded)]
    [InlineData("hunyuan/native-error-text-illegal.json", LlmErrorKind.ContentFiltered)]
    [InlineData("hunyuan/native-error-model-not-found.json", LlmErrorKind.ModelNotFound)]
    [InlineData("hunyuan/native-error-invalid-parameter.json", LlmErrorKind.InvalidRequest)]
    [InlineData("hunyuan/native-error-engine-server-error.json", LlmErrorKind.ServerError)]
    public Task Error_Kind_MatchesFixtureWithHttp200(string fixture, LlmErrorKind kind) =>
        FixtureShapes.AssertErrorMatchesAsync(SimulatedProtocol.HunyuanNative, fixture, kind, HttpStatusCode.OK, "Response.Error.Code");

    [Fact]
    public async Task Error_StreamRequest_IsJsonNotSse()
    {
        await FixtureShapes.AssertErrorMatchesAsync(
            SimulatedProtocol.HunyuanNative, "hunyuan/native-stream-error-as-json.json", LlmErrorKind.RateLimited, HttpStatusCode.OK, "Response.Error.Code", stream: true);

        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetFault("hunyuan", SimulatedFault.Error(LlmErrorKind.RateLimited));
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.HunyuanNative, stream: true);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Reply_Streaming_HasRunningUsageNoDoneAndTheRequestIdHeader()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetReply(new SimulatedReply { Text = "你好！我是混元。", InputTokens = 3, OutputTokens = 8, StreamChunkLength = 2 });
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.HunyuanNative, stream: true);
        var requestId = response.Headers.GetValues("X-TC-RequestId").Single();
        var events = await SimulatorCall.ReadEventsAsync(response);
        Assert.DoesNotContain(events, e => e.Data == "[DONE]");
        var chunks = SimulatorCall.JsonEvents(events);

        Assert.All(chunks, c => Assert.Equal(requestId, c.GetProperty("Id").GetString()));
        var finish = chunks.Select(c => c.GetProperty("Choices")[0].GetProperty("FinishReason").GetString()).ToList();
        Assert.All(finish[..^1], f => Assert.Equal(string.Empty, f));
        Assert.Equal("stop", finish[^1]);
        var completion = chunks.Select(c => c.GetProperty("Usage").GetProperty("CompletionTokens").GetInt32()).ToList();
        Assert.Equal(completion.Order(), completion);
        Assert.Equal(8, completion[^1]);
        Assert.Equal("你好！我是混元。", string.Concat(chunks.Select(c => c.GetProperty("Choices")[0].GetProperty("Delta").GetProperty("Content").GetString())));
    }

    [Fact]
    public async Task Reply_StreamedToolCall_IsTwoFragmentsMergedById()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetReply(FixtureShapes.ToolCall);
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.HunyuanNative, stream: true, tools: true);
        var fragments = SimulatorCall.JsonEvents(await SimulatorCall.ReadEventsAsync(response))
            .Select(c => c.GetProperty("Choices")[0].GetProperty("Delta"))
            .Where(d => d.TryGetProperty("ToolCalls", out _))
            .Select(d => d.GetProperty("ToolCalls")[0])
            .ToList();

        Assert.Equal(2, fragments.Count);
        Assert.Equal(fragments[0].GetProperty("Id").GetString(), fragments[1].GetProperty("Id").GetString());
        Assert.Equal("get_weather", fragments[0].GetProperty("Function").GetProperty("Name").GetString());
        Assert.Equal(string.Empty, fragments[1].GetProperty("Function").GetProperty("Name").GetString());
        Assert.Equal(SimulatorCall.WeatherArguments, fragments[1].GetProperty("Function").GetProperty("Arguments").GetString());
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
}
