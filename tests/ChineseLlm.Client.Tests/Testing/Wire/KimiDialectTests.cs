using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Testing.Wire;

public sealed class KimiDialectTests
{
    private static readonly JsonShape Vendor = FixtureShapes.VendorShape("kimi");

    public static TheoryData<string, string, bool> Replies => new()
    {
        { "kimi/chat-plain.json", nameof(FixtureShapes.Plain), false },
        { "kimi/chat-thinking.json", nameof(FixtureShapes.Thinking), false },
        { "kimi/chat-tool-call.json", nameof(FixtureShapes.ThinkingToolCall), false },
        { "kimi/stream-usage-in-choice.sse", nameof(FixtureShapes.Plain), false },
        { "kimi/stream-include-usage.sse", nameof(FixtureShapes.Plain), true },
        { "kimi/stream-thinking-tool-call.sse", nameof(FixtureShapes.ThinkingToolCall), false },
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public Task Reply_Scenario_MatchesFixtureShape(string fixture, string reply, bool includeUsage) =>
        FixtureShapes.AssertReplyMatchesAsync(SimulatedProtocol.Kimi, fixture, FixtureShapes.Named(reply), Vendor, includeUsage);

    [Theory]
    [InlineData("kimi/error-401-invalid-authentication.json", LlmErrorKind.Authentication, 401)]
    [InlineData("kimi/error-400-content-filter.json", LlmErrorKind.ContentFiltered, 400)]
    [InlineData("kimi/error-400-fixed-temperature.json", LlmErrorKind.InvalidRequest, 400)]
    [InlineData("kimi/error-404-model-not-found.json", LlmErrorKind.ModelNotFound, 404)]
    [InlineData("kimi/error-429-rate-limit-reached.json", LlmErrorKind.RateLimited, 429)]
    [InlineData("kimi/error-429-exceeded-current-quota.json", LlmErrorKind.QuotaExceeded, 429)]
    public Task Error_Kind_MatchesFixture(string fixture, LlmErrorKind kind, int status) =>
        FixtureShapes.AssertErrorMatchesAsync(SimulatedProtocol.Kimi, fixture, kind, (HttpStatusCode)status, "error.type");

    [Fact]
    public async Task Error_RateLimitedWithRetryAfter_StatesTheWaitInTheMessageAndHeader()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider());
        simulator.Enqueue(SimulatedFault.Error(LlmErrorKind.RateLimited, TimeSpan.FromSeconds(7)));
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.Kimi);
        var body = await SimulatorCall.ReadJsonAsync(response);
        Assert.EndsWith("please try again after 7 seconds", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Reply_StreamingWithoutIncludeUsage_PutsUsageInsideTheChoiceOnly()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetReply(new SimulatedReply { Text = "你好，李雷！", InputTokens = 19, OutputTokens = 13, CachedInputTokens = 12 });
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.Kimi, stream: true);
        var chunks = SimulatorCall.JsonEvents(await SimulatorCall.ReadEventsAsync(response));

        Assert.All(chunks, c => Assert.False(c.TryGetProperty("usage", out _)));
        var finish = chunks[^1].GetProperty("choices")[0];
        Assert.Equal("stop", finish.GetProperty("finish_reason").GetString());
        Assert.Equal(JsonValueKind.Object, finish.GetProperty("delta").ValueKind);
        Assert.Equal(12, finish.GetProperty("usage").GetProperty("cached_tokens").GetInt32());
        Assert.Equal(32, finish.GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task Reply_StreamingWithIncludeUsage_AddsAChoicesLessTotalChunk()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetReply(new SimulatedReply { InputTokens = 19, OutputTokens = 13 });
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.Kimi, stream: true, includeUsage: true);
        var chunks = SimulatorCall.JsonEvents(await SimulatorCall.ReadEventsAsync(response));

        Assert.Equal(0, chunks[^1].GetProperty("choices").GetArrayLength());
        Assert.Equal(32, chunks[^1].GetProperty("usage").GetProperty("total_tokens").GetInt32());
        Assert.Equal(32, chunks[^2].GetProperty("choices")[0].GetProperty("usage").GetProperty("total_tokens").GetInt32());
        Assert.Equal(JsonValueKind.Null, chunks[^2].GetProperty("usage").ValueKind);
    }

    [Fact]
    public async Task Reply_ToolCall_UsesNameColonIndexIds()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetReply(FixtureShapes.ToolCall);
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.Kimi, tools: true);
        var message = (await SimulatorCall.ReadJsonAsync(response)).GetProperty("choices")[0].GetProperty("message");
        Assert.Equal("get_weather:0", message.GetProperty("tool_calls")[0].GetProperty("id").GetString());
        Assert.Equal("tool_calls", (await SimulatorCall.ReadJsonAsync(response)).GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }
}
