using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Testing.Wire;

public sealed class HunyuanCompatibleDialectTests
{
    /// <summary>The OpenAI Chat Completions response every OpenAI-dialect fixture shares (shape of tests/Payloads/kimi/chat-plain.json minus Kimi's cached_tokens).</summary>
    private const string Chat = """
        {"id":"8b2c…","object":"chat.completion","created":1735120033,"model":"hunyuan-turbos-latest",
         "choices":[{"index":0,"message":{"role":"assistant","content":"你好！"},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}}
        """;

    [Fact]
    public async Task Reply_NonStreaming_IsThePlainOpenAiShape()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetReply(FixtureShapes.Plain);
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.HunyuanCompatible);
        var documented = JsonShape.Of(JsonDocument.Parse(Chat).RootElement.Clone());
        var sent = JsonShape.Of(await SimulatorCall.ReadJsonAsync(response));
        JsonShape.AssertCovers(documented, sent, "Hunyuan compatible");
        JsonShape.AssertWithin(sent, documented, [], "Hunyuan compatible");
    }

    [Fact]
    public async Task Reply_Streaming_PutsUsageOnTheFinishChunkAndEndsWithDone()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetReply(new SimulatedReply { InputTokens = 3, OutputTokens = 4 });
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.HunyuanCompatible, stream: true);
        var events = await SimulatorCall.ReadEventsAsync(response);
        Assert.Equal("[DONE]", events[^1].Data);
        var chunks = SimulatorCall.JsonEvents(events);
        Assert.Equal(7, chunks[^1].GetProperty("usage").GetProperty("total_tokens").GetInt32());
        Assert.All(chunks[..^1], c => Assert.False(c.TryGetProperty("usage", out _)));
    }

    [Fact]
    public async Task Error_Authentication_IsAnOpenAiEnvelopeWith401()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetFault("hunyuan", SimulatedFault.Error(LlmErrorKind.Authentication));
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.HunyuanCompatible);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = (await SimulatorCall.ReadJsonAsync(response)).GetProperty("error");
        Assert.Equal(JsonValueKind.String, error.GetProperty("message").ValueKind);
        Assert.Equal(JsonValueKind.String, error.GetProperty("code").ValueKind);
    }
}
