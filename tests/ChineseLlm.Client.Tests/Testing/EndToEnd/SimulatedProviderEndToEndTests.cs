using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Testing.EndToEnd;

/// <summary>
/// Drives a real provider client, registered with <c>AddChineseLlm</c> and wired to the simulator with
/// <c>UseProviderSimulator</c>, through chat, streaming, tool calls and every simulated fault. A provider's test
/// class derives from this, says how to enable the provider, and overrides where the vendor cannot express a kind.
/// </summary>
public abstract class SimulatedProviderEndToEndTests : IDisposable
{
    protected const string SecretApiKey = "sk-simulated-secret-9d8c7b6a";

    private ServiceProvider? _services;

    protected SimulatedProviderEndToEndTests()
    {
        Time = new FakeTimeProvider(DateTimeOffset.Parse("2026-10-01T08:00:00Z"));
        Simulator = new ProviderSimulatorHandler(Time);
    }

    protected FakeTimeProvider Time { get; }

    protected ProviderSimulatorHandler Simulator { get; }

    /// <summary>Gets the provider key (<c>deepseek</c>, …).</summary>
    protected abstract string ProviderKey { get; }

    /// <summary>Gets the protocol the client is expected to speak.</summary>
    protected abstract SimulatedProtocol Protocol { get; }

    /// <summary>Gets a model id of this provider.</summary>
    protected abstract string Model { get; }

    /// <summary>Gets the options of this provider, to enable it and set its limits.</summary>
    protected abstract ChineseLlmProviderOptions Select(ChineseLlmOptions options);

    /// <summary>Gets the client under test: the keyed client from the container, built on first use.</summary>
    protected IChatClient Client => Services.GetRequiredKeyedService<IChatClient>(ProviderKey);

    /// <summary>Gets how many retries the client makes (the fault tests want none).</summary>
    protected int MaxRetryAttempts { get; set; }

    /// <summary>Gets the timeout of one call.</summary>
    protected TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    private ServiceProvider Services => _services ??= Build();

    /// <summary>The kind the provider's client reports for a simulated error of <paramref name="simulated"/>.</summary>
    protected virtual LlmErrorKind ExpectedKind(LlmErrorKind simulated) => simulated;

    public void Dispose()
    {
        _services?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task GetResponseAsync_Text_ReturnsTheTextModelAndUsage()
    {
        Simulator.SetReply(ProviderKey, new SimulatedReply { Text = "你好！我在。", InputTokens = 120, OutputTokens = 30, CachedInputTokens = 100 });

        var response = await Client.GetResponseAsync("你好", new ChatOptions { ModelId = Model });

        Assert.Equal("你好！我在。", response.Text);
        Assert.Equal(Model, response.ModelId);
        Assert.Equal(120, response.Usage?.InputTokenCount);
        Assert.Equal(30, response.Usage?.OutputTokenCount);
        Assert.Equal(150, response.Usage?.TotalTokenCount);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        AssertCachedTokens(100, response.Usage);

        var sent = ChatRequests().Single();
        Assert.Equal(Protocol, sent.Protocol);
        Assert.Equal(Model, sent.Model);
        Assert.False(sent.IsStreaming);
        Assert.Equal("你好", sent.LastUserMessage);
        Assert.DoesNotContain(SecretApiKey, sent.Body + sent.Uri + string.Join(",", sent.Headers.Values), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Text_StreamsTheTextAndEndsWithUsage()
    {
        Simulator.SetReply(ProviderKey, new SimulatedReply { Text = "一二三四五六七八九十", StreamChunkLength = 3, InputTokens = 12, OutputTokens = 10 });

        var updates = await Client.GetStreamingResponseAsync("数到十", new ChatOptions { ModelId = Model }).ToListAsync();

        Assert.True(updates.Count(u => u.Text.Length > 0) >= 3, "the text arrives in several updates");
        var response = updates.ToChatResponse();
        Assert.Equal("一二三四五六七八九十", response.Text);
        Assert.Equal(12, response.Usage?.InputTokenCount);
        Assert.Equal(10, response.Usage?.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.True(ChatRequests().Single().IsStreaming);
    }

    [Fact]
    public virtual async Task GetResponseAsync_Reasoning_ReturnsTheReasoningApartFromTheText()
    {
        Simulator.SetReply(ProviderKey, new SimulatedReply { Text = "9.11 更小。", Reasoning = "比较小数部分：0.11 < 0.8。" });

        var response = await Client.GetResponseAsync("9.11 和 9.8 哪个小？", new ChatOptions { ModelId = Model });

        Assert.Equal("9.11 更小。", response.Text);
        var reasoning = response.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().Single();
        Assert.Equal("比较小数部分：0.11 < 0.8。", reasoning.Text);
    }

    [Fact]
    public virtual async Task GetStreamingResponseAsync_Reasoning_StreamsReasoningThenText()
    {
        Simulator.SetReply(ProviderKey, new SimulatedReply { Text = "9.11 更小。", Reasoning = "比较小数部分：0.11 < 0.8。", StreamChunkLength = 4 });

        var updates = await Client.GetStreamingResponseAsync("9.11 和 9.8 哪个小？", new ChatOptions { ModelId = Model }).ToListAsync();

        var reasoning = string.Concat(updates.SelectMany(u => u.Contents).OfType<TextReasoningContent>().Select(r => r.Text));
        Assert.Equal("比较小数部分：0.11 < 0.8。", reasoning);
        Assert.Equal("9.11 更小。", updates.ToChatResponse().Text);
    }

    [Fact]
    public async Task GetResponseAsync_ToolCall_ReturnsTheFunctionCall()
    {
        Simulator.SetReply(ProviderKey, SimulatedReply.FromToolCall("get_weather", "{\"city\": \"北京\"}"));

        var response = await Client.GetResponseAsync("北京天气？", WithWeatherTool());

        var call = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single();
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("北京", call.Arguments?["city"]?.ToString());
        Assert.False(string.IsNullOrEmpty(call.CallId));
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.True(ChatRequests().Single().HasTools);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ToolCall_AssemblesTheArguments()
    {
        Simulator.SetReply(ProviderKey, new SimulatedReply
        {
            Text = string.Empty,
            ToolCalls = [new SimulatedToolCall("get_weather", "{\"city\": \"北京\", \"unit\": \"celsius\"}")],
            StreamChunkLength = 5,
        });

        var updates = await Client.GetStreamingResponseAsync("北京天气？", WithWeatherTool()).ToListAsync();

        var call = updates.ToChatResponse().Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single();
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("celsius", call.Arguments?["unit"]?.ToString());
    }

    [Fact]
    public async Task GetResponseAsync_ToolResultTurn_GetsTheFinalAnswer()
    {
        Simulator.SetReply(ProviderKey, request => request.EndsWithToolResult
            ? SimulatedReply.FromText("北京今天晴，25°C。")
            : SimulatedReply.FromToolCall("get_weather", "{\"city\": \"北京\"}"));
        var options = WithWeatherTool();

        var first = await Client.GetResponseAsync("北京天气？", options);
        var call = first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single();
        List<ChatMessage> history =
        [
            new(ChatRole.User, "北京天气？"),
            .. first.Messages,
            new(ChatRole.Tool, [new FunctionResultContent(call.CallId, "晴，25°C")]),
        ];
        var second = await Client.GetResponseAsync(history, options);

        Assert.Equal("北京今天晴，25°C。", second.Text);
        Assert.True(ChatRequests()[^1].EndsWithToolResult);
    }

    [Theory]
    [InlineData(LlmErrorKind.Authentication)]
    [InlineData(LlmErrorKind.PermissionDenied)]
    [InlineData(LlmErrorKind.RateLimited)]
    [InlineData(LlmErrorKind.QuotaExceeded)]
    [InlineData(LlmErrorKind.ContentFiltered)]
    [InlineData(LlmErrorKind.InvalidRequest)]
    [InlineData(LlmErrorKind.ModelNotFound)]
    [InlineData(LlmErrorKind.ContextLengthExceeded)]
    [InlineData(LlmErrorKind.ServerError)]
    [InlineData(LlmErrorKind.Protocol)]
    public async Task GetResponseAsync_ProviderError_ThrowsTheMatchingKind(LlmErrorKind kind)
    {
        Simulator.SetFault(ProviderKey, SimulatedFault.Error(kind));

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => Client.GetResponseAsync("你好", new ChatOptions { ModelId = Model }));

        Assert.Equal(ExpectedKind(kind), ex.Kind);
        Assert.Equal(ProviderKey, ex.Provider);
        Assert.DoesNotContain(SecretApiKey, ex.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LlmErrorKind.Authentication)]
    [InlineData(LlmErrorKind.RateLimited)]
    [InlineData(LlmErrorKind.QuotaExceeded)]
    [InlineData(LlmErrorKind.ServerError)]
    public async Task GetStreamingResponseAsync_ProviderError_ThrowsTheMatchingKind(LlmErrorKind kind)
    {
        Simulator.SetFault(ProviderKey, SimulatedFault.Error(kind));

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => Client.GetStreamingResponseAsync("你好", new ChatOptions { ModelId = Model }).ToListAsync().AsTask());

        Assert.Equal(ExpectedKind(kind), ex.Kind);
    }

    [Fact]
    public async Task GetResponseAsync_ConnectionRefused_ThrowsNetwork()
    {
        Simulator.SetFault(ProviderKey, SimulatedFault.ConnectionRefused());

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => Client.GetResponseAsync("你好"));

        Assert.Equal(LlmErrorKind.Network, ex.Kind);
        Assert.True(ex.IsTransient);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ConnectionResetMidStream_ThrowsNetworkAfterTheFirstText()
    {
        Simulator.SetReply(ProviderKey, new SimulatedReply { Text = "一二三四五六七八九十", StreamChunkLength = 2 });
        Simulator.SetFault(ProviderKey, SimulatedFault.ConnectionReset(afterEvents: 3));
        var received = new List<ChatResponseUpdate>();

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(async () =>
        {
            await foreach (var update in Client.GetStreamingResponseAsync("数到十"))
            {
                received.Add(update);
            }
        });

        Assert.Equal(LlmErrorKind.Network, ex.Kind);
        Assert.NotEmpty(string.Concat(received.Select(u => u.Text)));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ErrorMidStream_ThrowsTheKindAfterTheFirstText()
    {
        Simulator.SetReply(ProviderKey, new SimulatedReply { Text = "一二三四五六七八九十", StreamChunkLength = 2 });
        Simulator.SetFault(ProviderKey, SimulatedFault.ErrorMidStream(LlmErrorKind.ServerError, afterEvents: 3));
        var received = new List<ChatResponseUpdate>();

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(async () =>
        {
            await foreach (var update in Client.GetStreamingResponseAsync("数到十"))
            {
                received.Add(update);
            }
        });

        Assert.Equal(LlmErrorKind.ServerError, ex.Kind);
        Assert.NotEmpty(string.Concat(received.Select(u => u.Text)));
    }

    [Fact]
    public async Task GetResponseAsync_TruncatedJson_ThrowsProtocol()
    {
        Simulator.SetFault(ProviderKey, SimulatedFault.TruncatedJson());

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => Client.GetResponseAsync("你好"));

        Assert.Equal(LlmErrorKind.Protocol, ex.Kind);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_TruncatedJson_ThrowsProtocol()
    {
        Simulator.SetFault(ProviderKey, SimulatedFault.TruncatedJson(afterEvents: 2));

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => Client.GetStreamingResponseAsync("你好").ToListAsync().AsTask());

        Assert.Equal(LlmErrorKind.Protocol, ex.Kind);
    }

    [Fact]
    public async Task GetResponseAsync_StallBeforeHeaders_ThrowsTimeoutAtTheConfiguredTimeout()
    {
        Timeout = TimeSpan.FromSeconds(20);
        Simulator.SetFault(ProviderKey, SimulatedFault.Error(LlmErrorKind.Timeout));

        var call = Client.GetResponseAsync("你好");
        await AdvanceUntilDoneAsync(call, TimeSpan.FromSeconds(1));

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => call);
        Assert.Equal(LlmErrorKind.Timeout, ex.Kind);
        Assert.True(Time.GetUtcNow() - DateTimeOffset.Parse("2026-10-01T08:00:00Z") >= TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_StallBetweenEvents_ThrowsTimeout()
    {
        Simulator.SetReply(ProviderKey, new SimulatedReply { Text = "一二三四五六", StreamChunkLength = 2 });
        Simulator.SetFault(ProviderKey, SimulatedFault.StallBetweenEvents(afterEvents: 2));

        var call = Client.GetStreamingResponseAsync("你好").ToListAsync().AsTask();
        await AdvanceUntilDoneAsync(call, TimeSpan.FromSeconds(5));

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => call);
        Assert.Equal(LlmErrorKind.Timeout, ex.Kind);
    }

    [Fact]
    public virtual async Task GetResponseAsync_TransientErrorOnce_IsRetriedAndSucceeds()
    {
        MaxRetryAttempts = 2;
        Simulator.SetReply(ProviderKey, SimulatedReply.FromText("第二次成功。"));
        Simulator.Enqueue(ProviderKey, SimulatedFault.Error(LlmErrorKind.ServerError));

        var call = Client.GetResponseAsync("你好");
        await AdvanceUntilDoneAsync(call, TimeSpan.FromSeconds(1));

        Assert.Equal("第二次成功。", (await call).Text);
        Assert.Equal(2, ChatRequests().Count);
    }

    [Fact]
    public async Task GetResponseAsync_QuotaExceeded_IsNotRetried()
    {
        MaxRetryAttempts = 2;
        Simulator.SetFault(ProviderKey, SimulatedFault.Error(LlmErrorKind.QuotaExceeded));

        var call = Client.GetResponseAsync("你好");
        await AdvanceUntilDoneAsync(call, TimeSpan.FromSeconds(1));

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => call);
        Assert.Equal(ExpectedKind(LlmErrorKind.QuotaExceeded), ex.Kind);
        Assert.False(ex.IsTransient);
        Assert.Single(ChatRequests());
    }

    /// <summary>The chat requests this provider received (ERNIE v1 also sends token requests).</summary>
    protected IReadOnlyList<SimulatedRequest> ChatRequests() => [.. Simulator.RequestsTo(ProviderKey).Where(r => r.IsChat)];

    protected static ChatOptions WithWeatherTool() => new()
    {
        Tools = [AIFunctionFactory.Create((string city) => "晴", "get_weather", "查询城市天气")],
    };

    /// <summary>Asserts the cached input tokens; a provider whose wire has no cache count overrides this.</summary>
    protected virtual void AssertCachedTokens(long expected, UsageDetails? usage) => Assert.Equal(expected, usage?.CachedInputTokenCount);

    /// <summary>Moves fake time forward in steps until <paramref name="task"/> completes (bounded).</summary>
    protected async Task AdvanceUntilDoneAsync(Task task, TimeSpan step)
    {
        for (var i = 0; i < 2000 && !task.IsCompleted; i++)
        {
            await Task.Delay(1);
            Time.Advance(step);
        }

        Assert.True(task.IsCompleted, "the call did not finish while fake time advanced");
    }

    private ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddChineseLlm(o =>
        {
            var provider = Select(o);
            provider.MaxRetryAttempts = MaxRetryAttempts;
            provider.Timeout = Timeout;
            provider.AttemptTimeout = Timeout;
            provider.StreamIdleTimeout = TimeSpan.FromSeconds(15);
        }).UseProviderSimulator(Simulator);
        return services.BuildServiceProvider();
    }
}
