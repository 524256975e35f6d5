using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Testing;

public sealed class ProviderSimulatorHandlerTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-10-01T08:00:00Z");

    [Theory]
    [InlineData(SimulatedProtocol.DeepSeek, "deepseek")]
    [InlineData(SimulatedProtocol.Kimi, "kimi")]
    [InlineData(SimulatedProtocol.QwenNative, "qwen")]
    [InlineData(SimulatedProtocol.QwenCompatible, "qwen")]
    [InlineData(SimulatedProtocol.ErnieV2, "ernie")]
    [InlineData(SimulatedProtocol.ErnieV1, "ernie")]
    [InlineData(SimulatedProtocol.Doubao, "doubao")]
    [InlineData(SimulatedProtocol.HunyuanNative, "hunyuan")]
    [InlineData(SimulatedProtocol.HunyuanCompatible, "hunyuan")]
    [InlineData(SimulatedProtocol.Glm, "glm")]
    [InlineData(SimulatedProtocol.Baichuan, "baichuan")]
    [InlineData(SimulatedProtocol.Yi, "yi")]
    [InlineData(SimulatedProtocol.StepFun, "stepfun")]
    [InlineData(SimulatedProtocol.Spark, "spark")]
    [InlineData(SimulatedProtocol.MiniMax, "minimax")]
    [InlineData(SimulatedProtocol.Pangu, "pangu")]
    public async Task SendAsync_VendorEndpoint_RoutesToItsProtocol(SimulatedProtocol protocol, string provider)
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider(Start));
        using var response = await SimulatorCall.SendChatAsync(simulator, protocol);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var chat = simulator.Requests.Single(r => r.IsChat);
        Assert.Equal(protocol, chat.Protocol);
        Assert.Equal(provider, chat.Provider);
        Assert.Contains(SimulatedReply.DefaultText, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deepseek-v4-flash", SimulatedProtocol.DeepSeek)]
    [InlineData("kimi-k2.6", SimulatedProtocol.Kimi)]
    [InlineData("moonshot-v1-8k", SimulatedProtocol.Kimi)]
    [InlineData("qwen-plus", SimulatedProtocol.QwenCompatible)]
    [InlineData("doubao-seed-1-6-250615", SimulatedProtocol.Doubao)]
    [InlineData("ernie-4.5-turbo-128k", SimulatedProtocol.ErnieV2)]
    [InlineData("hunyuan-turbos-latest", SimulatedProtocol.HunyuanCompatible)]
    [InlineData("glm-5.1", SimulatedProtocol.Glm)]
    [InlineData("Baichuan4-Turbo", SimulatedProtocol.Baichuan)]
    [InlineData("yi-lightning", SimulatedProtocol.Yi)]
    [InlineData("step-3.7-flash", SimulatedProtocol.StepFun)]
    [InlineData("generalv3.5", SimulatedProtocol.Spark)]
    [InlineData("MiniMax-M2.7", SimulatedProtocol.MiniMax)]
    [InlineData("pangu-nlp-n2-128k", SimulatedProtocol.Pangu)]
    public async Task SendAsync_UnknownHostWithChatPath_RoutesByModel(string model, SimulatedProtocol expected)
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider(Start));
        using var response = await PostAsync(simulator, "http://localhost:5000/v1/chat/completions", $$"""{"model":"{{model}}","messages":[{"role":"user","content":"hi"}]}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, simulator.Requests.Single().Protocol);
    }

    [Fact]
    public async Task SendAsync_MappedBaseAddress_WinsOverTheModelName()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider(Start))
            .MapBaseAddress(new Uri("http://localhost:5000/kimi/v1"), "kimi")
            .MapBaseAddress(new Uri("http://localhost:5000/"), "deepseek");

        using var kimi = await PostAsync(simulator, "http://localhost:5000/kimi/v1/chat/completions", """{"model":"deepseek-v4-flash","messages":[]}""");
        using var deepSeek = await PostAsync(simulator, "http://localhost:5000/chat/completions", """{"model":"kimi-k2.6","messages":[]}""");

        Assert.Equal([SimulatedProtocol.Kimi, SimulatedProtocol.DeepSeek], simulator.Requests.Select(r => r.Protocol));
    }

    [Fact]
    public async Task SendAsync_NoRoute_Answers404WithoutTheQueryString()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider(Start));
        using var response = await PostAsync(simulator, "http://localhost:5000/something/else?access_token=secret-token", "{}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("/something/else", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token", text, StringComparison.Ordinal);
        Assert.Empty(simulator.Requests);
    }

    [Fact]
    public async Task Requests_Recorded_HoldNoCredentials()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider(Start));
        using (await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.ErnieV1))
        {
        }

        using (await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.DeepSeek, stream: true, tools: true, prompt: "北京天气？"))
        {
        }

        var all = simulator.Requests;
        Assert.Equal(3, all.Count);
        foreach (var request in all)
        {
            Assert.DoesNotContain("Authorization", request.Headers.Keys, StringComparer.OrdinalIgnoreCase);
            Assert.DoesNotContain("sk-test", request.Uri.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("24.", request.Uri.Query, StringComparison.Ordinal);
            Assert.DoesNotContain("sk-test-secret", request.ToString(), StringComparison.Ordinal);
        }

        var token = all[0];
        Assert.False(token.IsChat);
        Assert.Contains("client_secret=***", token.Uri.Query, StringComparison.Ordinal);

        var ernie = all[1];
        Assert.Contains("access_token=***", ernie.Uri.Query, StringComparison.Ordinal);
        Assert.Equal("completions_pro", ernie.Model);

        var deepSeek = all[2];
        Assert.Equal("Bearer", deepSeek.AuthorizationScheme);
        Assert.Equal("POST", deepSeek.Method);
        Assert.True(deepSeek.IsStreaming);
        Assert.True(deepSeek.HasTools);
        Assert.False(deepSeek.EndsWithToolResult);
        Assert.Equal("北京天气？", deepSeek.LastUserMessage);
        Assert.Equal("deepseek-v4-flash", deepSeek.Model);
        Assert.Equal(Start, deepSeek.ReceivedAt);
        Assert.Equal("deepseek-v4-flash", JsonDocument.Parse(deepSeek.Body).RootElement.GetProperty("model").GetString());
        Assert.StartsWith("application/json", deepSeek.Headers["Content-Type"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_ToolResultTurn_IsRecognised()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider(Start));
        using var response = await PostAsync(
            simulator,
            "https://api.moonshot.cn/v1/chat/completions",
            """{"model":"kimi-k2.6","messages":[{"role":"user","content":"天气？"},{"role":"assistant","content":"","tool_calls":[{"id":"get_weather:0","type":"function","function":{"name":"get_weather","arguments":"{}"}}]},{"role":"tool","tool_call_id":"get_weather:0","content":"晴"}]}""");
        Assert.True(simulator.RequestsTo("kimi").Single().EndsWithToolResult);
        Assert.Empty(simulator.RequestsTo("deepseek"));
    }

    [Fact]
    public async Task SendAsync_MissingCredentials_AnswersTheProvidersAuthenticationError()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider(Start));
        using var response = await PostAsync(simulator, "https://api.deepseek.com/chat/completions", """{"model":"deepseek-v4-flash","messages":[]}""", bearer: null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("authentication_error", (await SimulatorCall.ReadJsonAsync(response)).GetProperty("error").GetProperty("type").GetString());

        simulator.RequireCredentials = false;
        using var allowed = await PostAsync(simulator, "https://api.deepseek.com/chat/completions", """{"model":"deepseek-v4-flash","messages":[]}""", bearer: null);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task SendAsync_MalformedJsonBody_AnswersInvalidRequest()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider(Start));
        using var response = await PostAsync(simulator, "https://qianfan.baidubce.com/v2/chat/completions", "{\"model\":");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("malformed_json", (await SimulatorCall.ReadJsonAsync(response)).GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task SetReply_ModelBeatsProviderBeatsAllProviders()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider(Start))
            .SetReply(SimulatedReply.FromText("all"))
            .SetReply("deepseek", SimulatedReply.FromText("provider"))
            .SetReply("deepseek", "DeepSeek-V4-Pro", SimulatedReply.FromText("model"));

        Assert.Equal("model", await ContentAsync(simulator, SimulatedProtocol.DeepSeek, "deepseek-v4-pro"));
        Assert.Equal("provider", await ContentAsync(simulator, SimulatedProtocol.DeepSeek, "deepseek-v4-flash"));
        Assert.Equal("all", await ContentAsync(simulator, SimulatedProtocol.Kimi, "kimi-k2.6"));
    }

    [Fact]
    public async Task SetReply_Responder_SeesTheRequest()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider(Start))
            .SetReply("kimi", r => SimulatedReply.FromText($"{r.Provider}:{r.Model}:{r.LastUserMessage}"));
        Assert.Equal("kimi:kimi-k2.6:你好", await ContentAsync(simulator, SimulatedProtocol.Kimi, "kimi-k2.6"));
    }

    [Fact]
    public async Task Enqueue_OneShots_AreUsedOnceInOrderAndRespectTheProvider()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider(Start))
            .SetReply(SimulatedReply.FromText("default"))
            .Enqueue("kimi", SimulatedReply.FromText("kimi once"))
            .Enqueue(SimulatedReply.FromText("first"))
            .Enqueue(SimulatedReply.FromText("second"));

        Assert.Equal("first", await ContentAsync(simulator, SimulatedProtocol.DeepSeek));
        Assert.Equal("kimi once", await ContentAsync(simulator, SimulatedProtocol.Kimi));
        Assert.Equal("second", await ContentAsync(simulator, SimulatedProtocol.Kimi));
        Assert.Equal("default", await ContentAsync(simulator, SimulatedProtocol.DeepSeek));
    }

    [Fact]
    public async Task SetFault_LastsUntilCleared_AndAOneShotReplyStillGetsThrough()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider(Start)).SetFault("doubao", SimulatedFault.Error(LlmErrorKind.ServerError));

        using (var failed = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.Doubao))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        }

        using (var stillFailing = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.Doubao))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, stillFailing.StatusCode);
        }

        using (var other = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.Kimi))
        {
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }

        simulator.Enqueue("doubao", SimulatedReply.FromText("one good answer"));
        Assert.Equal("one good answer", await ContentAsync(simulator, SimulatedProtocol.Doubao));

        simulator.ClearFault("doubao");
        using var recovered = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.Doubao);
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
    }

    [Fact]
    public async Task SetFault_PerModel_OnlyThatModelFails()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider(Start)).SetFault("qwen", "qwen-max", SimulatedFault.Error(LlmErrorKind.ModelNotFound));
        using var max = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.QwenNative, model: "qwen-max");
        using var plus = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.QwenNative, model: "qwen-plus");
        Assert.Equal(HttpStatusCode.NotFound, max.StatusCode);
        Assert.Equal(HttpStatusCode.OK, plus.StatusCode);
    }

    [Fact]
    public async Task Reply_Latency_WaitsOnTheTimeProvider()
    {
        var time = new FakeTimeProvider(Start);
        var simulator = new ProviderSimulatorHandler(time).SetReply(new SimulatedReply { Latency = TimeSpan.FromSeconds(5) });
        var send = SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.DeepSeek);
        for (var i = 0; i < 100 && simulator.Requests.Count == 0; i++)
        {
            await Task.Delay(5);
        }

        await Task.Delay(20);
        Assert.False(send.IsCompleted);
        for (var i = 0; i < 200 && !send.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(5);
        }

        using var response = await send;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Reply_EventInterval_PacesTheStream()
    {
        var time = new FakeTimeProvider(Start);
        var simulator = new ProviderSimulatorHandler(time).SetReply(new SimulatedReply { Text = "一二三四", StreamChunkLength = 1, EventInterval = TimeSpan.FromMilliseconds(100) });
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.Kimi, stream: true);
        var read = SimulatorCall.ReadEventsAsync(response);
        var advanced = 0;
        while (!read.IsCompleted && advanced < 50)
        {
            await Task.Delay(5);
            time.Advance(TimeSpan.FromMilliseconds(100));
            advanced++;
        }

        var events = await read;
        Assert.Equal("[DONE]", events[^1].Data);
        Assert.True(advanced >= events.Count - 1, $"advanced {advanced} times for {events.Count} events");
    }

    [Fact]
    public async Task Reply_UsageNumbers_AreReportedAsScripted()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider(Start))
            .SetReply(new SimulatedReply { Text = "答案", Reasoning = "想一想", InputTokens = 1200, OutputTokens = 300, CachedInputTokens = 1000, ReasoningTokens = 120, ModelId = "deepseek-v4-pro" });
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.DeepSeek);
        var body = await SimulatorCall.ReadJsonAsync(response);
        var usage = body.GetProperty("usage");
        Assert.Equal("deepseek-v4-pro", body.GetProperty("model").GetString());
        Assert.Equal(1200, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(300, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(1500, usage.GetProperty("total_tokens").GetInt32());
        Assert.Equal(1000, usage.GetProperty("prompt_cache_hit_tokens").GetInt32());
        Assert.Equal(200, usage.GetProperty("prompt_cache_miss_tokens").GetInt32());
        Assert.Equal(120, usage.GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt32());
        Assert.Equal(Start.ToUnixTimeSeconds(), body.GetProperty("created").GetInt64());
    }

    [Fact]
    public async Task Reply_EmojiText_IsNeverSplitInsideASurrogatePair()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider(Start)).SetReply(new SimulatedReply { Text = "好😊好😊好", StreamChunkLength = 1 });
        using var response = await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.Kimi, stream: true);
        var pieces = SimulatorCall.JsonEvents(await SimulatorCall.ReadEventsAsync(response))
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta"))
            .Where(d => d.TryGetProperty("content", out var t) && t.GetString()!.Length > 0)
            .Select(d => d.GetProperty("content").GetString()!)
            .ToList();
        Assert.Equal(["好", "😊", "好", "😊", "好"], pieces);
    }

    [Fact]
    public async Task SendAsync_ConcurrentRequests_AreAllRecordedAndEachOneShotIsUsedOnce()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider(Start)).SetReply(SimulatedReply.FromText("default"));
        for (var i = 0; i < 20; i++)
        {
            simulator.Enqueue(SimulatedReply.FromText("once-" + i));
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => ContentAsync(simulator, SimulatedProtocol.DeepSeek))));

        Assert.Equal(50, simulator.Requests.Count);
        Assert.Equal(20, answers.Count(a => a.StartsWith("once-", StringComparison.Ordinal)));
        Assert.Equal(20, answers.Where(a => a.StartsWith("once-", StringComparison.Ordinal)).Distinct().Count());
        Assert.Equal(30, answers.Count(a => a == "default"));
    }

    [Fact]
    public void Methods_UnknownProvider_Throw()
    {
        var simulator = new ProviderSimulatorHandler();
        Assert.Throws<ArgumentException>(() => simulator.SetReply("openai", SimulatedReply.FromText("x")));
        Assert.Throws<ArgumentException>(() => simulator.SetFault("", SimulatedFault.ConnectionRefused()));
        Assert.Throws<ArgumentException>(() => simulator.RequestsTo("gpt"));
        Assert.Throws<ArgumentException>(() => simulator.MapBaseAddress(new Uri("/relative", UriKind.Relative), "kimi"));
        Assert.Throws<ArgumentNullException>(() => simulator.Enqueue((SimulatedReply)null!));
        Assert.Same(simulator, simulator.SetReply("DeepSeek", SimulatedReply.FromText("case-insensitive")));
    }

    [Fact]
    public async Task ClearRequests_ForgetsTheRecord()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider(Start));
        using (await SimulatorCall.SendChatAsync(simulator, SimulatedProtocol.Doubao))
        {
        }

        simulator.ClearRequests();
        Assert.Empty(simulator.Requests);
    }

    [Fact]
    public void Send_Synchronous_Works()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider(Start));
        using var client = new HttpClient(simulator);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.deepseek.com/chat/completions")
        {
            Content = new StringContent("""{"model":"deepseek-v4-flash","messages":[]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk-test");
        using var response = client.Send(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> PostAsync(ProviderSimulatorHandler simulator, string url, string body, string? bearer = "sk-test")
    {
        using var client = new HttpClient(simulator, disposeHandler: false);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return await client.SendAsync(request);
    }

    /// <summary>The message content of a non-streamed OpenAI-dialect answer.</summary>
    private static async Task<string> ContentAsync(ProviderSimulatorHandler simulator, SimulatedProtocol protocol, string? model = null)
    {
        using var response = await SimulatorCall.SendChatAsync(simulator, protocol, model: model);
        var body = await SimulatorCall.ReadJsonAsync(response);
        return protocol == SimulatedProtocol.QwenNative
            ? body.GetProperty("output").GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!
            : body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
    }
}
