using System.Diagnostics;
using System.Diagnostics.Metrics;
using ChineseLlm.Client.Conformance;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using static ChineseLlm.Client.Telemetry.TelemetryAssert;

namespace ChineseLlm.Client.Telemetry;

/// <summary>
/// The router's span over real HTTP: DeepSeek and Kimi on WireMock, the router (the unkeyed <see cref="IChatClient"/>)
/// failing over between them; the decision is read back from the span's events and compared with the response's.
/// </summary>
public sealed class RouteScopeTests : IDisposable
{
    private const string Source = ChineseLlmTelemetry.SourceName;
    private const string SecretApiKey = "sk-route-telemetry-secret-3a9f";

    private static readonly DateTimeOffset s_offPeak = new(2026, 11, 22, 3, 0, 0, TimeSpan.FromHours(8));

    private readonly WireMockServer _deepSeek = WireMockServer.Start();
    private readonly WireMockServer _kimi = WireMockServer.Start();
    private readonly FakeTimeProvider _time = new(s_offPeak);
    private readonly List<ServiceProvider> _providers = [];

    [Fact]
    public async Task GetResponseAsync_FailoverToKimi_TracesRouteSpanWithDecisionEventsAndChildProviderSpans()
    {
        using var recorder = new ActivityRecorder(Source);
        Serve(_deepSeek, "deepseek", "error-429-rate-limit.json", 429);
        Serve(_kimi, "kimi", "chat-plain.json");
        var router = BuildServices().GetRequiredService<IChatClient>();

        var response = await router.GetResponseAsync("你好");

        var decision = response.GetRoutingDecision()!;
        Assert.Equal("kimi", decision.Provider);
        Assert.True(decision.Attempts.Count >= 2, "DeepSeek was tried first and failed");
        var spans = recorder.From(Source);
        var route = Assert.Single(spans, s => s.Kind == ActivityKind.Internal);
        Assert.Equal("route Standard", route.DisplayName);
        Assert.Equal(ActivityStatusCode.Unset, route.Status);
        Assert.Equal("chat", Tag(route, "gen_ai.operation.name"));
        Assert.Equal("kimi", Tag(route, "gen_ai.provider.name"));
        Assert.Equal(decision.ModelId, Tag(route, "gen_ai.response.model"));
        Assert.Equal("Standard", Tag(route, "chinesellm.routing.tier"));
        Assert.Equal(decision.Attempts.Count, Tag(route, "chinesellm.routing.attempts"));
        Assert.Equal((double)decision.Cost!.Value, (double)Tag(route, "chinesellm.cost")!, 12);

        // One client span per attempt, children of the route span, in the order they were made.
        var calls = spans.Where(s => s.Kind == ActivityKind.Client).OrderBy(s => s.StartTimeUtc).ToList();
        Assert.Equal(decision.Attempts.Count, calls.Count);
        Assert.All(calls, c => Assert.Equal(route.SpanId, c.ParentSpanId));
        Assert.Equal(decision.Attempts.Select(a => a.Provider), calls.Select(c => (string?)Tag(c, "gen_ai.provider.name")));
        Assert.Equal(decision.Attempts.Select(a => a.ModelId), calls.Select(c => (string?)Tag(c, "gen_ai.request.model")));
        Assert.All(calls[..^1], c => Assert.Equal("RateLimited", Tag(c, "error.type")));
        Assert.Null(Tag(calls[^1], "error.type"));
        Assert.Equal((double)decision.Cost.Value, (double)Tag(calls[^1], "chinesellm.cost")!, 12);

        // The decision as events: eligible candidates in cost order, skipped models with the reason, attempts in order.
        var candidates = route.Events.Where(e => e.Name == "chinesellm.routing.candidate").ToList();
        var skips = route.Events.Where(e => e.Name == "chinesellm.routing.skip").ToList();
        var attempts = route.Events.Where(e => e.Name == "chinesellm.routing.attempt").ToList();
        Assert.Equal(
            decision.Candidates.Where(c => c.IsEligible).Select(c => c.Provider + "/" + c.ModelId),
            candidates.Select(e => EventTag(e, "gen_ai.provider.name") + "/" + EventTag(e, "gen_ai.request.model")));
        Assert.Equal("deepseek/deepseek-flash", EventTag(candidates[0], "gen_ai.provider.name") + "/" + EventTag(candidates[0], "gen_ai.request.model"));
        Assert.Equal(decision.Candidates.Count(c => !c.IsEligible), skips.Count);
        Assert.NotEmpty(skips);
        Assert.Equal(
            decision.Candidates.Where(c => !c.IsEligible).Select(c => c.ModelId + ":" + c.SkipReason),
            skips.Select(e => EventTag(e, "gen_ai.request.model") + ":" + EventTag(e, "chinesellm.routing.skip_reason")));
        Assert.Equal(decision.Attempts.Select(a => a.Outcome.ToString()), attempts.Select(e => (string?)EventTag(e, "chinesellm.routing.outcome")));
        Assert.Equal("RateLimited", EventTag(attempts[0], "error.type"));
        Assert.Equal("Succeeded", EventTag(attempts[^1], "chinesellm.routing.outcome"));

        foreach (var span in spans)
        {
            DoesNotContain(SecretApiKey, span);
        }
    }

    [Fact]
    public async Task GetResponseAsync_EveryCandidateFails_RecordsTheErrorAndTheAttempts()
    {
        using var recorder = new ActivityRecorder(Source);
        Serve(_deepSeek, "deepseek", "error-429-rate-limit.json", 429);
        Serve(_kimi, "kimi", "error-429-engine-overloaded.json", 429);
        var router = BuildServices().GetRequiredService<IChatClient>();

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => router.GetResponseAsync("你好"));

        var decision = ex.GetRoutingDecision()!;
        var route = Assert.Single(recorder.From(Source), s => s.Kind == ActivityKind.Internal);
        Assert.Equal(ActivityStatusCode.Error, route.Status);
        Assert.Equal(ex.Kind.ToString(), Tag(route, "error.type"));
        var attempts = route.Events.Where(e => e.Name == "chinesellm.routing.attempt").ToList();
        Assert.Equal(decision.Attempts.Count, attempts.Count);
        Assert.All(attempts, e => Assert.Equal("Failed", EventTag(e, "chinesellm.routing.outcome")));
        Assert.Null(Tag(route, "chinesellm.cost"));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Routed_TracesRouteSpanAroundTheProviderStream()
    {
        using var recorder = new ActivityRecorder(Source);
        Serve(_deepSeek, "deepseek", "stream-plain-keepalive.sse");
        var router = BuildServices(kimi: false).GetRequiredService<IChatClient>();

        var updates = await router.GetStreamingResponseAsync("你好").ToListAsync();

        var decision = updates[^1].GetRoutingDecision()!;
        var spans = recorder.From(Source);
        var route = Assert.Single(spans, s => s.Kind == ActivityKind.Internal);
        var call = Assert.Single(spans, s => s.Kind == ActivityKind.Client);
        Assert.Equal(route.SpanId, call.ParentSpanId);
        Assert.Equal(true, Tag(route, "gen_ai.request.stream"));
        Assert.Equal("deepseek", Tag(route, "gen_ai.provider.name"));
        Assert.Equal((double)decision.Cost!.Value, (double)Tag(route, "chinesellm.cost")!, 12);
        Assert.Single(route.Events, e => e.Name == "chinesellm.routing.attempt");
    }

    [Fact]
    public async Task GetResponseAsync_CatalogOverrideInConfiguration_PricesProviderSpansAndCostMetric()
    {
        using var recorder = new ActivityRecorder(Source);
        Serve(_deepSeek, "deepseek", "chat-plain.json");
        var services = BuildServices(kimi: false, configure: o => o.Models.Add(new ModelCard
        {
            Provider = "deepseek",
            Id = "deepseek-flash",
            InputPerMillion = 10m,
            CachedInputPerMillion = 1m,
            OutputPerMillion = 20m,
        }));
        using var cost = new MetricCollector<double>(services.GetRequiredService<IMeterFactory>(), ChineseLlmTelemetry.MeterName, "chinesellm.cost");

        var response = await services.GetRequiredKeyedService<IChatClient>("deepseek").GetResponseAsync("你好");

        // 132 uncached × 10 + 192 cached × 1 + 58 output × 20, per million tokens.
        Assert.Equal(0.002672, Assert.Single(cost.GetMeasurementSnapshot()).Value, 12);
        Assert.Equal(0.002672, (double)Tag(Assert.Single(recorder.From(Source)), "chinesellm.cost")!, 12);
        Assert.Null(response.GetCost()); // a keyed client is not routed: the cost is telemetry only
    }

    [Fact]
    public async Task GetResponseAsync_ProviderClientsWrappedInUseOpenTelemetry_OneSpanPerProviderCallUnderTheRouteSpan()
    {
        const string outer = "ChineseLlm.Client.Tests.ProviderOpenTelemetry";
        using var recorder = new ActivityRecorder(Source, outer);
        Serve(_deepSeek, "deepseek", "error-429-rate-limit.json", 429);
        Serve(_kimi, "kimi", "chat-plain.json");
        var services = BuildServices(chain: llm => llm.ConfigureProviderClients((key, client) => client.UseOpenTelemetry(sourceName: outer)));

        var response = await services.GetRequiredService<IChatClient>().GetResponseAsync("你好");

        var decision = response.GetRoutingDecision()!;
        var route = Assert.Single(recorder.From(Source)); // the route span only: the provider calls are UseOpenTelemetry's
        Assert.Equal(ActivityKind.Internal, route.Kind);
        var calls = recorder.From(outer).OrderBy(s => s.StartTimeUtc).ToList();
        Assert.Equal(decision.Attempts.Count, calls.Count);
        Assert.All(calls, c => Assert.Equal(route.SpanId, c.ParentSpanId));
        Assert.Equal(decision.Attempts.Select(a => a.Provider), calls.Select(c => (string?)Tag(c, "gen_ai.provider.name")));
        Assert.Equal((double)decision.Cost!.Value, (double)Tag(calls[^1], "chinesellm.cost")!, 12);
        Assert.NotNull(services.GetRequiredKeyedService<IChatClient>("kimi").GetService<KimiChatClient>());
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        _deepSeek.Dispose();
        _kimi.Dispose();
    }

    private static object? EventTag(ActivityEvent e, string key) => e.Tags.FirstOrDefault(t => t.Key == key).Value;

    private static void Serve(WireMockServer server, string provider, string file, int statusCode = 200) =>
        server.Given(Request.Create().UsingPost()).RespondWith(Response.Create()
            .WithStatusCode(statusCode)
            .WithHeader("Content-Type", file.EndsWith(".sse", StringComparison.Ordinal) ? "text/event-stream" : "application/json")
            .WithBody(Payload.Read(provider, file)));

    private ServiceProvider BuildServices(bool kimi = true, Action<ChineseLlmOptions>? configure = null, Action<ChineseLlmBuilder>? chain = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        var builder = services.AddChineseLlm(o =>
        {
            o.Providers.DeepSeek.ApiKey = SecretApiKey;
            o.Providers.DeepSeek.Endpoint = new Uri(_deepSeek.Url!);
            o.Providers.DeepSeek.MaxRetryAttempts = 0;
            if (kimi)
            {
                o.Providers.Kimi.ApiKey = SecretApiKey;
                o.Providers.Kimi.Endpoint = new Uri(_kimi.Url!);
                o.Providers.Kimi.MaxRetryAttempts = 0;
            }

            configure?.Invoke(o);
        });
        chain?.Invoke(builder);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider;
    }
}
