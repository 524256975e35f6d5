using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Testing.Wire;

public sealed class HunyuanCompatibleDialectTests
{
    private static readonly JsonShape Vendor = FixtureShapes.VendorShape("hunyuan", "compat-");

    public static TheoryData<string, string> Replies => new()
    {
        { "hunyuan/compat-chat.json", nameof(FixtureShapes.Plain) },
        { "hunyuan/compat-tool-call.json", nameof(FixtureShapes.ToolCall) },
        { "hunyuan/compat-stream.sse", nameof(FixtureShapes.Plain) },
        { "hunyuan/compat-stream-tool-call.sse", nameof(FixtureShapes.ToolCall) },
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public Task Reply_Scenario_MatchesFixtureShape(string fixture, string reply) =>
        FixtureShapes.AssertReplyMatchesAsync(SimulatedProtocol.HunyuanCompatible, fixture, FixtureShapes.Named(reply), Vendor);

    [Theory]
    [InlineData("hunyuan/compat-error-401-invalid-key.json", LlmErrorKind.Authentication, 401)]
    [InlineData("hunyuan/compat-error-400-messages-order.json", LlmErrorKind.InvalidRequest, 400)]
    public Task Error_Kind_MatchesFixture(string fixture, LlmErrorKind kind, int status) =>
        FixtureShapes.AssertErrorMatchesAsync(SimulatedProtocol.HunyuanCompatible, fixture, kind, (HttpStatusCode)status, "error.code");

    [Fact]
    public async Task Reply_Streaming_CarriesRunningUsageOnEveryChunkAndEndsWithDone()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetReply(new SimulatedReply { Text = "1+1=2", InputTokens = 4, OutputTokens = 3, StreamChunkLength = 3 });
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.HunyuanCompatible, stream: true);
        var events = await SimulatorCall.ReadEventsAsync(response);
        Assert.Equal("[DONE]", events[^1].Data);
        var chunks = SimulatorCall.JsonEvents(events);
        var completion = chunks.Select(c => c.GetProperty("usage").GetProperty("completion_tokens").GetInt32()).ToList();
        Assert.Equal(completion.Order(), completion);
        Assert.Equal(3, completion[^1]);
        Assert.Equal("stop", chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.All(chunks[..^1], c => Assert.Equal(JsonValueKind.Null, c.GetProperty("choices")[0].GetProperty("finish_reason").ValueKind));
    }
}
