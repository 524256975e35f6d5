using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Testing.Wire;

public sealed class ErnieV2DialectTests
{
    private static readonly JsonShape Vendor = FixtureShapes.VendorShape("ernie", "v2-");

    public static TheoryData<string, string, bool> Replies => new()
    {
        { "ernie/v2-chat.json", nameof(FixtureShapes.Plain), false },
        { "ernie/v2-tool-call.json", nameof(FixtureShapes.ToolCall), false },
        { "ernie/v2-stream-usage.sse", nameof(FixtureShapes.Plain), true },
        { "ernie/v2-stream-reasoning.sse", nameof(FixtureShapes.Thinking), true },
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public Task Reply_Scenario_MatchesFixtureShape(string fixture, string reply, bool includeUsage) =>
        FixtureShapes.AssertReplyMatchesAsync(SimulatedProtocol.ErnieV2, fixture, FixtureShapes.Named(reply), Vendor, includeUsage);

    [Theory]
    [InlineData("ernie/v2-error-401-invalid-iam-token.json", LlmErrorKind.Authentication, 401)]
    [InlineData("ernie/v2-error-400-malformed-json.json", LlmErrorKind.InvalidRequest, 400)]
    [InlineData("ernie/v2-error-403-account-overdue.json", LlmErrorKind.QuotaExceeded, 403)]
    [InlineData("ernie/v2-error-403-system-unsafe.json", LlmErrorKind.ContentFiltered, 403)]
    [InlineData("ernie/v2-error-429-rpm.json", LlmErrorKind.RateLimited, 429)]
    [InlineData("ernie/v2-error-500-internal.json", LlmErrorKind.ServerError, 500)]
    public Task Error_Kind_MatchesFixture(string fixture, LlmErrorKind kind, int status) =>
        FixtureShapes.AssertErrorMatchesAsync(SimulatedProtocol.ErnieV2, fixture, kind, (HttpStatusCode)status, "error.code");

    [Fact]
    public async Task Error_ModelNotFound_Is401InvalidModel()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetFault("ernie", SimulatedFault.Error(LlmErrorKind.ModelNotFound));
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.ErnieV2);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await SimulatorCall.ReadJsonAsync(response);
        Assert.Equal("invalid_model", body.GetProperty("error").GetProperty("code").GetString());
        Assert.StartsWith("as-", body.GetProperty("id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reply_ToolCall_IdsHaveNoCallPrefixAndNoIndex()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetReply(FixtureShapes.ToolCall);
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.ErnieV2, tools: true);
        var call = (await SimulatorCall.ReadJsonAsync(response)).GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls")[0];
        Assert.Matches("^[0-9a-f]{32}$", call.GetProperty("id").GetString());
        Assert.False(call.TryGetProperty("index", out _));
    }

    [Fact]
    public async Task Reply_Streaming_RoleOnlyInTheFirstFrameAndDoneAtTheEnd()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider());
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.ErnieV2, stream: true, includeUsage: true);
        var events = await SimulatorCall.ReadEventsAsync(response);
        Assert.Equal("[DONE]", events[^1].Data);
        var deltas = SimulatorCall.JsonEvents(events).Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta")).ToList();
        Assert.True(deltas[0].TryGetProperty("role", out _));
        Assert.All(deltas.Skip(1), d => Assert.False(d.TryGetProperty("role", out _)));
    }

    [Fact]
    public async Task Reply_StreamingWithChunkIncludeUsage_CarriesCumulativeUsageOnEveryChunk()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetReply(new SimulatedReply { Text = "一二三四五六七八", StreamChunkLength = 2, InputTokens = 5, OutputTokens = 8 });
        using var client = new HttpClient(simulator);
        var request = await SimulatorCall.ChatRequestAsync(simulator, SimulatedProtocol.ErnieV2, stream: true);
        var body = System.Text.Json.Nodes.JsonNode.Parse(await request.Content!.ReadAsStringAsync())!;
        body["stream_options"] = new System.Text.Json.Nodes.JsonObject { ["chunk_include_usage"] = true };
        request.Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var outputs = SimulatorCall.JsonEvents(await SimulatorCall.ReadEventsAsync(response))
            .Select(c => c.GetProperty("usage").GetProperty("completion_tokens").GetInt32()).ToList();
        Assert.Equal(outputs.Order(), outputs);
        Assert.Equal(8, outputs[^1]);
        Assert.True(outputs[0] < 8);
    }
}
