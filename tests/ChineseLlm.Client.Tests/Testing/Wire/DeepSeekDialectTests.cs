using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Testing.Wire;

public sealed class DeepSeekDialectTests
{
    private static readonly JsonShape Vendor = FixtureShapes.VendorShape("deepseek");

    public static TheoryData<string, string, bool> Replies => new()
    {
        { "deepseek/chat-plain.json", nameof(FixtureShapes.Plain), false },
        { "deepseek/chat-thinking.json", nameof(FixtureShapes.Thinking), false },
        { "deepseek/chat-tool-call.json", nameof(FixtureShapes.ThinkingToolCall), false },
        { "deepseek/stream-plain-keepalive.sse", nameof(FixtureShapes.Plain), false },
        { "deepseek/stream-thinking-tool-call.sse", nameof(FixtureShapes.ThinkingToolCall), true },
        { "deepseek/stream-length-finish-with-content.sse", nameof(FixtureShapes.Thinking), true },
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public Task Reply_Scenario_MatchesFixtureShape(string fixture, string reply, bool includeUsage) =>
        FixtureShapes.AssertReplyMatchesAsync(SimulatedProtocol.DeepSeek, fixture, FixtureShapes.Named(reply), Vendor, includeUsage);

    [Theory]
    [InlineData("deepseek/error-401-authentication-fails.json", LlmErrorKind.Authentication, 401)]
    [InlineData("deepseek/error-402-insufficient-balance.json", LlmErrorKind.QuotaExceeded, 402)]
    [InlineData("deepseek/error-429-rate-limit.json", LlmErrorKind.RateLimited, 429)]
    [InlineData("deepseek/error-400-model-not-exist.json", LlmErrorKind.ModelNotFound, 400)]
    [InlineData("deepseek/error-400-developer-role.json", LlmErrorKind.InvalidRequest, 400)]
    public Task Error_Kind_MatchesFixture(string fixture, LlmErrorKind kind, int status) =>
        FixtureShapes.AssertErrorMatchesAsync(SimulatedProtocol.DeepSeek, fixture, kind, (HttpStatusCode)status, "error.type");

    [Fact]
    public async Task Error_ModelNotFound_SendsTheVendorMessage()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetFault("deepseek", SimulatedFault.Error(LlmErrorKind.ModelNotFound));
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.DeepSeek);
        var body = await SimulatorCall.ReadJsonAsync(response);
        Assert.Equal("Model Not Exist", body.GetProperty("error").GetProperty("message").GetString());
        Assert.True(response.Headers.Contains("x-ds-trace-id"));
    }

    [Fact]
    public async Task Error_ServerError_IsA503WithAPlainTextBody()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetFault("deepseek", SimulatedFault.Error(LlmErrorKind.ServerError));
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.DeepSeek);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Server Overloaded", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Reply_Streaming_StartsWithKeepAliveAndEndsWithDone()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider());
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.DeepSeek, stream: true);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.StartsWith(": keep-alive\n\ndata: {", raw, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reply_StreamingWithoutIncludeUsage_HasUsageOnlyOnTheFinishChunk()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetReply(new SimulatedReply { Text = "你好！有什么可以帮你的吗？", InputTokens = 9, OutputTokens = 11, CachedInputTokens = 4 });
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.DeepSeek, stream: true);
        var chunks = SimulatorCall.JsonEvents(await SimulatorCall.ReadEventsAsync(response));

        Assert.All(chunks[..^1], c => Assert.False(c.TryGetProperty("usage", out _)));
        var last = chunks[^1];
        Assert.Equal("stop", last.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        var usage = last.GetProperty("usage");
        Assert.Equal(9, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(11, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(20, usage.GetProperty("total_tokens").GetInt32());
        Assert.Equal(4, usage.GetProperty("prompt_cache_hit_tokens").GetInt32());
        Assert.Equal(5, usage.GetProperty("prompt_cache_miss_tokens").GetInt32());
        Assert.Equal(4, usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32());
        Assert.Equal("你好！有什么可以帮你的吗？", string.Concat(chunks.Select(c => c.GetProperty("choices")[0].GetProperty("delta").TryGetProperty("content", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : string.Empty)));
    }

    [Fact]
    public async Task Reply_StreamingWithIncludeUsage_SendsNoChoicesLessUsageChunk()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider());
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.DeepSeek, stream: true, includeUsage: true);
        var chunks = SimulatorCall.JsonEvents(await SimulatorCall.ReadEventsAsync(response));

        Assert.All(chunks, c => Assert.Equal(1, c.GetProperty("choices").GetArrayLength()));
        Assert.All(chunks[..^1], c => Assert.Equal(JsonValueKind.Null, c.GetProperty("usage").ValueKind));
        Assert.Equal(JsonValueKind.Object, chunks[^1].GetProperty("usage").ValueKind);
    }

    [Fact]
    public async Task Reply_NonStreamingWithKeepAlives_PrefixesBlankLines()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetReply(new SimulatedReply { KeepAlives = 3 });
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.DeepSeek);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("\n\n\n{", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reply_StreamedToolCall_SendsHeaderThenArgumentFragments()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetReply(FixtureShapes.ThinkingToolCall);
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.DeepSeek, stream: true, tools: true);
        var deltas = SimulatorCall.JsonEvents(await SimulatorCall.ReadEventsAsync(response))
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta"))
            .Where(d => d.TryGetProperty("tool_calls", out _))
            .Select(d => d.GetProperty("tool_calls")[0])
            .ToList();

        Assert.StartsWith("call_00_", deltas[0].GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("get_weather", deltas[0].GetProperty("function").GetProperty("name").GetString());
        Assert.Equal(string.Empty, deltas[0].GetProperty("function").GetProperty("arguments").GetString());
        Assert.All(deltas.Skip(1), d => Assert.False(d.TryGetProperty("id", out _)));
        Assert.Equal(SimulatorCall.WeatherArguments, string.Concat(deltas.Select(d => d.GetProperty("function").GetProperty("arguments").GetString())));
    }
}
