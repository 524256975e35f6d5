using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Testing.Wire;

public sealed class QwenNativeDialectTests
{
    private static readonly JsonShape Vendor = FixtureShapes.VendorShape("qwen", "native-");

    public static TheoryData<string, string> Replies => new()
    {
        { "qwen/native-chat.json", nameof(FixtureShapes.Plain) },
        { "qwen/native-reasoning.json", nameof(FixtureShapes.Thinking) },
        { "qwen/native-tool-call.json", nameof(FixtureShapes.ToolCall) },
        { "qwen/native-stream.sse", nameof(FixtureShapes.Plain) },
        { "qwen/native-stream-reasoning.sse", nameof(FixtureShapes.Thinking) },
        { "qwen/native-stream-tool-calls.sse", nameof(FixtureShapes.ToolCall) },
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public Task Reply_Scenario_MatchesFixtureShape(string fixture, string reply) =>
        FixtureShapes.AssertReplyMatchesAsync(SimulatedProtocol.QwenNative, fixture, FixtureShapes.Named(reply), Vendor);

    [Fact]
    public Task Reply_TextResultFormat_MatchesFixtureShape() =>
        FixtureShapes.AssertReplyMatchesAsync(SimulatedProtocol.QwenNative, "qwen/native-chat-text-format.json", FixtureShapes.Plain, Vendor, qwenTextFormat: true);

    [Theory]
    [InlineData("qwen/native-error-401-invalid-api-key.json", LlmErrorKind.Authentication, 401)]
    [InlineData("qwen/native-error-400-invalid-parameter.json", LlmErrorKind.InvalidRequest, 400)]
    [InlineData("qwen/native-error-400-data-inspection.json", LlmErrorKind.ContentFiltered, 400)]
    [InlineData("qwen/native-error-400-arrearage.json", LlmErrorKind.QuotaExceeded, 400)]
    [InlineData("qwen/native-error-429-rate-quota.json", LlmErrorKind.RateLimited, 429)]
    public Task Error_Kind_MatchesFixture(string fixture, LlmErrorKind kind, int status) =>
        FixtureShapes.AssertErrorMatchesAsync(SimulatedProtocol.QwenNative, fixture, kind, (HttpStatusCode)status, "code");

    [Theory]
    [InlineData("qwen/native-stream-error-400.sse", LlmErrorKind.InvalidRequest, 400)]
    [InlineData("qwen/native-stream-error-429.sse", LlmErrorKind.RateLimited, 429)]
    public async Task Error_Streaming_ArrivesAsAnErrorEventWithHttp200(string fixture, LlmErrorKind kind, int status)
    {
        await FixtureShapes.AssertErrorMatchesAsync(SimulatedProtocol.QwenNative, fixture, kind, HttpStatusCode.OK, "code", stream: true);

        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetFault("qwen", SimulatedFault.Error(kind));
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.QwenNative, stream: true);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.Contains($"event:error\n:HTTP_STATUS/{status}\ndata:{{", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_Unauthenticated_HasNoContentTypeLikeTheCapture()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetFault("qwen", SimulatedFault.Error(LlmErrorKind.Authentication));
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.QwenNative, stream: true);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentType);
        Assert.Equal("InvalidApiKey", (await SimulatorCall.ReadJsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Reply_Streaming_UsesDashScopeFramingWithoutDone()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetReply(new SimulatedReply { Text = "1+1 等于 2。", InputTokens = 8, OutputTokens = 8 });
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.QwenNative, stream: true);
        var raw = await response.Content.ReadAsStringAsync();

        Assert.StartsWith("id:1\nevent:result\n:HTTP_STATUS/200\ndata:{", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("[DONE]", raw, StringComparison.Ordinal);
        Assert.EndsWith("}\n\n", raw, StringComparison.Ordinal);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("UTF-8", response.Content.Headers.ContentType?.CharSet);
    }

    [Fact]
    public async Task Reply_Streaming_FinishReasonIsTheStringNullUntilTheEndAndUsageIsCumulative()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetReply(new SimulatedReply { Text = "一二三四五六七八九十", InputTokens = 8, OutputTokens = 10, StreamChunkLength = 2 });
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.QwenNative, stream: true);
        var events = await SimulatorCall.ReadEventsAsync(response);
        Assert.All(events, e => Assert.Equal("result", e.EventType));
        var chunks = SimulatorCall.JsonEvents(events);

        var finish = chunks.Select(c => c.GetProperty("output").GetProperty("choices")[0].GetProperty("finish_reason").GetString()).ToList();
        Assert.All(finish[..^1], f => Assert.Equal("null", f));
        Assert.Equal("stop", finish[^1]);

        var output = chunks.Select(c => c.GetProperty("usage").GetProperty("output_tokens").GetInt32()).ToList();
        Assert.Equal(output.Order(), output);
        Assert.Equal(10, output[^1]);
        Assert.All(chunks, c => Assert.Equal(8, c.GetProperty("usage").GetProperty("input_tokens").GetInt32()));
        Assert.Equal("一二三四五六七八九十", string.Concat(chunks.Select(c => c.GetProperty("output").GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString())));
    }

    [Fact]
    public async Task Reply_StreamingToolCalls_ContinuationFragmentsHaveEmptyIdAndEndOnTheLastFragment()
    {
        var reply = new SimulatedReply
        {
            Text = string.Empty,
            ToolCalls = [new("get_current_weather", "{\"location\": \"杭州\"}"), new("get_current_weather", "{\"location\": \"上海\"}")],
            StreamChunkLength = 6,
        };
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetReply(reply);
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.QwenNative, stream: true, tools: true);
        var choices = SimulatorCall.JsonEvents(await SimulatorCall.ReadEventsAsync(response)).Select(c => c.GetProperty("output").GetProperty("choices")[0]).ToList();

        var fragments = choices.Select(c => c.GetProperty("message").GetProperty("tool_calls")[0]).ToList();
        Assert.StartsWith("call_", fragments[0].GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Contains(fragments, f => f.GetProperty("id").GetString() == string.Empty && !f.GetProperty("function").TryGetProperty("name", out _));
        Assert.Equal("tool_calls", choices[^1].GetProperty("finish_reason").GetString());
        Assert.Equal(
            "{\"location\": \"上海\"}",
            string.Concat(fragments.Where(f => f.GetProperty("index").GetInt32() == 1).Select(f => f.GetProperty("function").GetProperty("arguments").GetString())));
    }

    [Fact]
    public async Task Reply_NonIncrementalStream_SendsTheTextSoFarInEveryEvent()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetReply(new SimulatedReply { Text = "ABCDEF", StreamChunkLength = 2 });
        using var client = new HttpClient(simulator);
        var request = await SimulatorCall.ChatRequestAsync(simulator, SimulatedProtocol.QwenNative, stream: true);
        var body = System.Text.Json.Nodes.JsonNode.Parse(await request.Content!.ReadAsStringAsync())!;
        body["parameters"]!["incremental_output"] = false;
        request.Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var texts = SimulatorCall.JsonEvents(await SimulatorCall.ReadEventsAsync(response))
            .Select(c => c.GetProperty("output").GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()).ToList();
        Assert.Equal(["AB", "ABCD", "ABCDEF", "ABCDEF"], texts);
    }

    [Fact]
    public async Task Reply_DefaultResultFormat_AnswersWithOutputText()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetReply(SimulatedReply.FromText("1+1等于2。"));
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.QwenNative, qwenTextFormat: true);
        var output = (await SimulatorCall.ReadJsonAsync(response)).GetProperty("output");
        Assert.Equal("1+1等于2。", output.GetProperty("text").GetString());
        Assert.False(output.TryGetProperty("choices", out _));
        Assert.True(response.Headers.Contains("x-request-id"));
        Assert.Equal(JsonValueKind.String, output.GetProperty("finish_reason").ValueKind);
    }
}
