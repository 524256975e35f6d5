using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Testing.Wire;

public sealed class ErnieV1DialectTests
{
    private static readonly JsonShape Vendor = FixtureShapes.VendorShape("ernie", "v1-");

    [Theory]
    [InlineData("ernie/v1-chat.json")]
    [InlineData("ernie/v1-stream.sse")]
    public Task Reply_Scenario_MatchesFixtureShape(string fixture) =>
        FixtureShapes.AssertReplyMatchesAsync(SimulatedProtocol.ErnieV1, fixture, FixtureShapes.Plain, Vendor);

    [Theory]
    [InlineData("ernie/v1-error-110-token-invalid.json", LlmErrorKind.Authentication)]
    [InlineData("ernie/v1-error-17-daily-limit.json", LlmErrorKind.QuotaExceeded)]
    [InlineData("ernie/v1-error-18-qps-limit.json", LlmErrorKind.RateLimited)]
    [InlineData("ernie/v1-error-336006-messages-odd.json", LlmErrorKind.InvalidRequest)]
    [InlineData("ernie/v1-error-336100-high-load.json", LlmErrorKind.ServerError)]
    public Task Error_Kind_MatchesFixtureWithHttp200(string fixture, LlmErrorKind kind) =>
        FixtureShapes.AssertErrorMatchesAsync(SimulatedProtocol.ErnieV1, fixture, kind, HttpStatusCode.OK, "error_code");

    [Fact]
    public async Task Error_StreamRequest_IsPlainJsonWithHttp200()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetFault("ernie", SimulatedFault.Error(LlmErrorKind.RateLimited));
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.ErnieV1, stream: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(18, (await SimulatorCall.ReadJsonAsync(response)).GetProperty("error_code").GetInt32());
    }

    [Fact]
    public async Task Error_ContentFiltered_IsASuccessfulResponseWithTheSafetyFields()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetFault("ernie", SimulatedFault.Error(LlmErrorKind.ContentFiltered));
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.ErnieV1);
        var body = await SimulatorCall.ReadJsonAsync(response);
        JsonShape.AssertCovers(JsonShape.Of(SimulatorCall.ReadFixtureJson("ernie/v1-content-filter.json")), JsonShape.Of(body), "v1 content filter");
        Assert.True(body.GetProperty("need_clear_history").GetBoolean());
        Assert.Equal("content_filter", body.GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Token_WithClientCredentials_MatchesFixtureShape()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider());
        using var client = new HttpClient(simulator);
        using var response = await client.PostAsync("https://aip.baidubce.com/oauth/2.0/token?grant_type=client_credentials&client_id=ak&client_secret=sk", null);
        var body = await SimulatorCall.ReadJsonAsync(response);
        var fixture = SimulatorCall.ReadFixtureJson("ernie/v1-oauth-token.json");
        JsonShape.AssertCovers(JsonShape.Of(fixture), JsonShape.Of(body), "v1 token");
        JsonShape.AssertCovers(JsonShape.Of(body), JsonShape.Of(fixture), "v1 token");
        Assert.Equal(2592000, body.GetProperty("expires_in").GetInt32());
        Assert.StartsWith("24.", body.GetProperty("access_token").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_WithoutClientId_AnswersInvalidClient()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider());
        using var client = new HttpClient(simulator);
        using var response = await client.PostAsync("https://aip.baidubce.com/oauth/2.0/token?grant_type=client_credentials", null);
        var body = await SimulatorCall.ReadJsonAsync(response);
        JsonShape.AssertCovers(JsonShape.Of(SimulatorCall.ReadFixtureJson("ernie/v1-oauth-error.json")), JsonShape.Of(body), "v1 token error");
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
        Assert.Equal("unknown client id", body.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task Reply_ChatWithATokenTheSimulatorDidNotIssue_AnswersError110()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider());
        using var client = new HttpClient(simulator);
        using var response = await client.PostAsync(
            "https://aip.baidubce.com/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/completions_pro?access_token=24.stale",
            new StringContent("{\"messages\":[{\"role\":\"user\",\"content\":\"你好\"}]}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(110, (await SimulatorCall.ReadJsonAsync(response)).GetProperty("error_code").GetInt32());
    }

    [Fact]
    public async Task Reply_Streaming_EndsOnIsEndWithCompletionTokensOnlyThere()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetReply(new SimulatedReply { Text = "你好，我是文心一言。", InputTokens = 2, OutputTokens = 36 });
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.ErnieV1, stream: true);
        var events = await SimulatorCall.ReadEventsAsync(response);
        Assert.DoesNotContain(events, e => e.Data == "[DONE]");
        var chunks = SimulatorCall.JsonEvents(events);
        Assert.All(chunks[..^1], c => Assert.False(c.GetProperty("is_end").GetBoolean()));
        Assert.All(chunks[..^1], c => Assert.Equal(0, c.GetProperty("usage").GetProperty("completion_tokens").GetInt32()));
        Assert.True(chunks[^1].GetProperty("is_end").GetBoolean());
        Assert.Equal(36, chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(c => c.GetProperty("sentence_id").GetInt32()));
        Assert.All(chunks, c => Assert.Equal("normal", c.GetProperty("finish_reason").GetString()));
        Assert.Equal("你好，我是文心一言。", string.Concat(chunks.Select(c => c.GetProperty("result").GetString())));
    }

    [Fact]
    public async Task Reply_ToolCall_SendsOneFunctionCall()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider()).SetReply(FixtureShapes.ToolCall);
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.ErnieV1, tools: true);
        var body = await SimulatorCall.ReadJsonAsync(response);
        Assert.Equal("function_call", body.GetProperty("finish_reason").GetString());
        Assert.Equal("get_weather", body.GetProperty("function_call").GetProperty("name").GetString());
        Assert.Equal(SimulatorCall.WeatherArguments, body.GetProperty("function_call").GetProperty("arguments").GetString());
    }
}
