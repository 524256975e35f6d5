using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using ChineseLlm.Client.Catalog;
using ChineseLlm.Client.Conformance;
using ChineseLlm.Client.Faults;
using ChineseLlm.Client.Telemetry;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChineseLlm.Client.Routing;

/// <summary>
/// The router over real HTTP: three providers (Hunyuan's OpenAI-compatible endpoint, DeepSeek, Kimi) configured through
/// <c>AddChineseLlm</c>, each pointed at its own WireMock server answering with the vendor's fixture payloads, priced
/// from the embedded catalog at a fixed off-peak time.
/// </summary>
/// <remarks>
/// For a short Standard request the embedded catalog of 2026-12-01 ranks, off-peak: hy4-flash (0.5 / 2 CNY per million),
/// then deepseek-flash (1 / 4), deepseek-v4-pro and hy4, then the Kimi models; hunyuan-turbos-latest and
/// hunyuan-t1-latest are retired (2026-05-31) and skipped. For Advanced, Hunyuan has no row: after DeepSeek come the
/// Kimi models, kimi-k2.7-code first.
/// </remarks>
public sealed class CostAwareChatClientIntegrationTests : IDisposable
{
    /// <summary>Saturday 2026-11-21 12:00 Beijing: DeepSeek's off-peak prices.</summary>
    private static readonly DateTimeOffset OffPeak = new(2026, 11, 21, 4, 0, 0, TimeSpan.Zero);

    private readonly WireMockServer _hunyuan = WireMockServer.Start();
    private readonly WireMockServer _deepseek = WireMockServer.Start();
    private readonly WireMockServer _kimi = WireMockServer.Start();
    private readonly DelayRecordingTimeProvider _time = new();
    private readonly ServiceProvider _services;

    public CostAwareChatClientIntegrationTests()
    {
        _time.SetUtcNow(OffPeak);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ChineseLlm:Providers:Hunyuan:ApiKey"] = "sk-hunyuan-test",
            ["ChineseLlm:Providers:Hunyuan:Endpoint"] = _hunyuan.Url,
            ["ChineseLlm:Providers:DeepSeek:ApiKey"] = "sk-deepseek-test",
            ["ChineseLlm:Providers:DeepSeek:Endpoint"] = _deepseek.Url,
            ["ChineseLlm:Providers:Kimi:ApiKey"] = "sk-kimi-test",
            ["ChineseLlm:Providers:Kimi:Endpoint"] = _kimi.Url,
            ["ChineseLlm:Routing:DefaultTier"] = "Standard",
            ["ChineseLlm:Routing:Cooldown"] = "00:05:00",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddChineseLlm(configuration.GetSection("ChineseLlm"));
        _services = services.BuildServiceProvider();
    }

    private IChatClient Router => _services.GetRequiredService<IChatClient>();

    private static List<ChatMessage> Hello => [new(ChatRole.User, "用C语言写一个两数相加的程序")];

    public void Dispose()
    {
        _services.Dispose();
        _hunyuan.Dispose();
        _deepseek.Dispose();
        _kimi.Dispose();
    }

    /// <summary>Serves a vendor fixture, with its <c>model</c> replaced by the model the router asks for.</summary>
    private static void Serve(WireMockServer server, string folder, string file, string model, string? contentType = null)
    {
        var body = Payload.Read(folder, file);
        if (file.EndsWith(".json", StringComparison.Ordinal))
        {
            var json = JsonNode.Parse(body)!;
            json["model"] = model;
            body = json.ToJsonString();
        }
        else
        {
            body = body.Replace("\"model\":\"deepseek-chat\"", $"\"model\":\"{model}\"", StringComparison.Ordinal);
        }

        server.Given(Request.Create().UsingPost()).RespondWith(Response.Create()
            .WithStatusCode(200)
            .WithHeader("Content-Type", contentType ?? (file.EndsWith(".sse", StringComparison.Ordinal) ? "text/event-stream" : "application/json"))
            .WithBody(body));
    }

    private static void ServeUnavailable(WireMockServer server) =>
        server.Given(Request.Create().UsingPost()).RespondWith(Response.Create()
            .WithStatusCode(503)
            .WithHeader("Content-Type", "text/html")
            .WithBody("<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>"));

    private static string RequestedModel(WireMockServer server, int index = 0) =>
        JsonNode.Parse(server.LogEntries[index].RequestMessage.Body!)!["model"]!.GetValue<string>();

    [Fact]
    public async Task GetResponseAsync_CheapestProviderReturns503_NextCheapestAnswersAndResponseSaysWhatItCost()
    {
        ServeUnavailable(_hunyuan);
        Serve(_deepseek, "deepseek", "chat-plain.json", "deepseek-flash");
        Serve(_kimi, "kimi", "chat-plain.json", "kimi-k2.6");

        var response = await _time.RunAsync(Router.GetResponseAsync(Hello, new ChatOptions().WithTier(ModelTier.Standard)));

        Assert.StartsWith("```c\n#include <stdio.h>", response.Text, StringComparison.Ordinal);
        Assert.Equal(("deepseek", "deepseek-flash"), (response.GetProvider(), response.ModelId));

        // deepseek-flash off-peak: 132 uncached × 1 + 192 cached × 0.02 + 58 output × 4 = 367.84 CNY per million tokens.
        Assert.Equal(0.00036784m, response.GetCost());

        var decision = response.GetRoutingDecision()!;
        Assert.Equal(
            ["hunyuan/hy4-flash Failed ServerError", "deepseek/deepseek-flash Succeeded 0.00036784 CNY"],
            decision.Attempts.Select(a => a.ToString()));
        Assert.Equal(["hy4-flash", "deepseek-flash", "deepseek-v4-pro", "hy4"], decision.Candidates.Take(4).Select(c => c.ModelId));
        Assert.Equal(RoutingSkipReason.Retired, decision.Candidates.Single(c => c.ModelId == "hunyuan-turbos-latest").SkipReason);
        Assert.All(Enumerable.Range(0, _hunyuan.LogEntries.Count), i => Assert.Equal("hy4-flash", RequestedModel(_hunyuan, i)));
        Assert.Equal(3, _hunyuan.LogEntries.Count); // the provider's own two retries, then the router moved on
        Assert.Equal("deepseek-flash", RequestedModel(_deepseek));
        Assert.Empty(_kimi.LogEntries);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_CheapestProviderReturns503_NextCheapestStreamsAndFinalUpdateSaysWhatItCost()
    {
        ServeUnavailable(_hunyuan);
        Serve(_deepseek, "deepseek", "stream-plain-keepalive.sse", "deepseek-flash");

        var updates = await _time.RunAsync(Router.GetStreamingResponseAsync(Hello).ToListAsync().AsTask());

        Assert.Equal("你好！有什么可以帮你的吗？", string.Concat(updates.Select(u => u.Text)));
        var final = updates[^1];
        Assert.Equal("deepseek", final.GetProvider());

        // 9 input × 1 + 11 output × 4 = 53 CNY per million tokens.
        Assert.Equal(0.000053m, final.GetCost());
        Assert.Single(final.Contents.OfType<UsageContent>());
        Assert.Equal(2, final.GetRoutingDecision()!.Attempts.Count);
        Assert.Equal(0.000053m, updates.ToChatResponse().GetCost());
    }

    [Fact]
    public async Task GetResponseAsync_PinnedKimiModel_IsPricedFromItsReportedUsage()
    {
        Serve(_kimi, "kimi", "chat-plain.json", "kimi-k2.6");

        var response = await Router.GetResponseAsync(Hello, new ChatOptions { ModelId = "kimi-k2.6" });

        // kimi-k2.6: 9 uncached × 6.5 + 10 cached × 1.1 + 21 output × 27 = 636.5 CNY per million tokens.
        Assert.Equal(0.0006365m, response.GetCost());
        Assert.Equal("kimi", response.GetProvider());
        Assert.Equal("kimi-k2.6", RequestedModel(_kimi));
    }

    [Fact]
    public async Task GetResponseAsync_QuotaExhausted_ProviderCoolsDownForTheConfiguredTime()
    {
        _deepseek.Given(Request.Create().UsingPost()).RespondWith(Response.Create()
            .WithStatusCode(402).WithHeader("Content-Type", "application/json").WithBody(Payload.Read("deepseek", "error-402-insufficient-balance.json")));
        Serve(_kimi, "kimi", "chat-plain.json", "kimi-k2.7-code");
        var advanced = new ChatOptions().WithTier(ModelTier.Advanced);

        var first = await Router.GetResponseAsync(Hello, advanced);
        var second = await Router.GetResponseAsync(Hello, advanced);
        _time.Advance(TimeSpan.FromMinutes(5));
        var third = await Router.GetResponseAsync(Hello, advanced);

        Assert.Equal("kimi-k2.7-code", first.ModelId);
        var firstDecision = first.GetRoutingDecision()!;
        Assert.Equal(LlmErrorKind.QuotaExceeded, firstDecision.Attempts[0].ErrorKind);
        Assert.Equal(["deepseek-flash", "kimi-k2.7-code"], firstDecision.Attempts.Select(a => a.ModelId));
        Assert.Equal("kimi", second.GetProvider());
        Assert.Equal(RoutingSkipReason.ProviderCoolingDown, second.GetRoutingDecision()!.Candidates.Single(c => c.ModelId == "deepseek-flash").SkipReason);

        Assert.Single(second.GetRoutingDecision()!.Attempts);

        // After the cooldown DeepSeek is tried again; still out of balance, it cools down again and Kimi answers.
        Assert.Equal(
            [("deepseek-flash", RoutingAttemptOutcome.Failed, (LlmErrorKind?)LlmErrorKind.QuotaExceeded), ("kimi-k2.7-code", RoutingAttemptOutcome.Succeeded, null)],
            third.GetRoutingDecision()!.Attempts.Select(a => (a.ModelId, a.Outcome, a.ErrorKind)));
        Assert.Equal(2, _deepseek.LogEntries.Count);
        Assert.Equal(3, _kimi.LogEntries.Count);
    }

    [Fact]
    public async Task GetResponseAsync_200ConcurrentCallsUnderBudget_NeverOverspentAndCountedExactly()
    {
        const int maxOutput = 100;
        var input = TokenEstimator.Shared.EstimateInputTokens(Hello, new ChatOptions { MaxOutputTokens = maxOutput });
        var body = JsonNode.Parse(Payload.Read("deepseek", "chat-plain.json"))!;
        body["model"] = "deepseek-flash";
        body["usage"] = new JsonObject { ["prompt_tokens"] = input, ["completion_tokens"] = maxOutput, ["total_tokens"] = input + maxOutput };
        _deepseek.Given(Request.Create().UsingPost()).RespondWith(Response.Create()
            .WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body.ToJsonString()).WithDelay(TimeSpan.FromMilliseconds(300)));
        var perCall = ((input * 1m) + (maxOutput * 4m)) / 1_000_000m; // deepseek-flash off-peak, the estimate and the bill alike
        var limit = perCall * 50.5m;
        using var services = BudgetedServices(limit);
        var router = services.GetRequiredService<IChatClient>();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(async () =>
        {
            try
            {
                return (Cost: (await router.GetResponseAsync(Hello, new ChatOptions { MaxOutputTokens = maxOutput }.WithTier(ModelTier.Advanced))).GetCost(), Refused: false);
            }
            catch (ChineseLlmException ex) when (ex.Kind == LlmErrorKind.BudgetExceeded)
            {
                return (Cost: (decimal?)null, Refused: true);
            }
        })));

        var summary = await services.GetRequiredService<ISpendLedger>().GetSummaryAsync("month:2026-11");
        Assert.Equal(50, outcomes.Count(o => !o.Refused));
        Assert.Equal(150, outcomes.Count(o => o.Refused));
        Assert.Equal(50, _deepseek.LogEntries.Count);
        Assert.Equal(perCall * 50, summary.Settled);
        Assert.Equal(outcomes.Sum(o => o.Cost ?? 0m), summary.Settled);
        Assert.True(summary.Settled <= limit);
        Assert.Equal((0m, 0), (summary.Reserved, summary.OpenReservations));
    }

    [Fact]
    public async Task GetResponseAsync_ModelsOverride_ResponseAndCostMetricUseTheConfiguredPrice()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ChineseLlm:Providers:DeepSeek:ApiKey"] = "sk-deepseek-test",
            ["ChineseLlm:Providers:DeepSeek:Endpoint"] = _deepseek.Url,
            ["ChineseLlm:Models:0:Provider"] = "deepseek",
            ["ChineseLlm:Models:0:Id"] = "deepseek-flash",
            ["ChineseLlm:Models:0:InputPerMillion"] = "10",
            ["ChineseLlm:Models:0:CachedInputPerMillion"] = "1",
            ["ChineseLlm:Models:0:OutputPerMillion"] = "100",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddChineseLlm(configuration);
        using var provider = services.BuildServiceProvider();
        Serve(_deepseek, "deepseek", "chat-plain.json", "deepseek-flash");
        var recorded = new List<double>();
        var meters = provider.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this container's meter: tests running in parallel record costs on meters of the same name.
            if (instrument.Meter.Scope == meters && instrument.Meter.Name == ChineseLlmTelemetry.MeterName && instrument.Name == TelemetryTags.CostMetric)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => recorded.Add(value));
        listener.Start();

        var response = await provider.GetRequiredService<IChatClient>().GetResponseAsync(Hello, new ChatOptions { ModelId = "deepseek-flash" });

        // The configured override: 132 uncached × 10 + 192 cached × 1 + 58 output × 100 = 7,312 CNY per million tokens.
        Assert.Equal(0.007312m, response.GetCost());
        Assert.Equal((double)0.007312m, Assert.Single(recorded), 12);
    }

    private ServiceProvider BudgetedServices(decimal limit)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ChineseLlm:Providers:DeepSeek:ApiKey"] = "sk-deepseek-test",
            ["ChineseLlm:Providers:DeepSeek:Endpoint"] = _deepseek.Url,
            ["ChineseLlm:Routing:Budget:Limit"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ChineseLlm:Routing:Budget:Period"] = "Month",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddChineseLlm(configuration);
        return services.BuildServiceProvider();
    }
}
