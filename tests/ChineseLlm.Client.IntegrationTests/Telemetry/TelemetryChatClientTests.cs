using System.Diagnostics;
using System.Diagnostics.Metrics;
using ChineseLlm.Client.Conformance;
using ChineseLlm.Client.DependencyInjection;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using static ChineseLlm.Client.Telemetry.TelemetryAssert;

namespace ChineseLlm.Client.Telemetry;

/// <summary>
/// Spans, metrics and logs of provider calls over real HTTP (WireMock.Net serving the vendors' fixtures), read back
/// with an <see cref="ActivityListener"/> and <see cref="MetricCollector{T}"/>.
/// </summary>
[Collection(ChineseLlm.Client.Telemetry.ActivityListenerTestGroup.Name)]
public sealed class TelemetryChatClientTests : IDisposable
{
    private const string SecretApiKey = "sk-telemetry-secret-7d1e9c5b";
    private const string Source = ChineseLlmTelemetry.SourceName;
    private const string OuterSource = "ChineseLlm.Client.Tests.OuterOpenTelemetry";

    // Sunday 03:00 in Beijing: DeepSeek's off-peak prices. Monday 10:00: peak, twice the price.
    private static readonly DateTimeOffset s_offPeak = new(2026, 11, 22, 3, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset s_peak = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8));

    // deepseek chat-plain.json, priced as deepseek-flash off-peak: 132 uncached × 1 + 192 cached × 0.02 + 58 output × 4, per million.
    private const double DeepSeekPlainCost = 0.00036784;

    // kimi stream-include-usage.sse, priced as kimi-k2.6: 7 uncached × 6.5 + 12 cached × 1.1 + 13 output × 27, per million.
    private const double KimiStreamCost = 0.0004097;

    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly FakeTimeProvider _time = new(s_offPeak);
    private readonly List<ServiceProvider> _providers = [];

    private Uri Endpoint => new(_server.Url!);

    [Fact]
    public async Task GetResponseAsync_DeepSeekChat_RecordsGenAiClientSpan()
    {
        using var recorder = new ActivityRecorder(Source);
        Stub("deepseek", "chat-plain.json", "x-ds-trace-id");
        var client = BuildServices().GetRequiredKeyedService<IChatClient>("deepseek");

        await client.GetResponseAsync("你好", new ChatOptions { MaxOutputTokens = 256, Temperature = 0.5f });

        var span = Assert.Single(recorder.From(Source));
        Assert.Equal("chat deepseek-flash", span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Equal("chat", Tag(span, "gen_ai.operation.name"));
        Assert.Equal("deepseek", Tag(span, "gen_ai.provider.name"));
        Assert.Equal("deepseek-flash", Tag(span, "gen_ai.request.model"));
        Assert.Equal(256, Tag(span, "gen_ai.request.max_tokens"));
        Assert.Equal(0.5f, Tag(span, "gen_ai.request.temperature"));
        Assert.Equal("deepseek-chat", Tag(span, "gen_ai.response.model"));
        Assert.Equal("73d174f2-b88f-41f4-878f-7084fcccc19e", Tag(span, "gen_ai.response.id"));
        Assert.Equal("[\"stop\"]", Tag(span, "gen_ai.response.finish_reasons"));
        Assert.Equal(324L, Tag(span, "gen_ai.usage.input_tokens"));
        Assert.Equal(58L, Tag(span, "gen_ai.usage.output_tokens"));
        Assert.Equal(192L, Tag(span, "gen_ai.usage.cache_read.input_tokens"));
        Assert.Equal(Endpoint.Host, Tag(span, "server.address"));
        Assert.Equal(Endpoint.Port, Tag(span, "server.port"));
        Assert.Equal("req-telemetry-1", Tag(span, "chinesellm.request_id"));
        Assert.Equal(DeepSeekPlainCost, (double)Tag(span, "chinesellm.cost")!, 12);
        Assert.Null(Tag(span, "error.type"));
        Assert.Null(Tag(span, "gen_ai.request.stream"));
    }

    [Fact]
    public async Task GetResponseAsync_DeepSeekChat_RecordsTokenUsageDurationAndCostMetrics()
    {
        Stub("deepseek", "chat-plain.json", "x-ds-trace-id");
        var services = BuildServices(s => s.AddHttpClient(ProviderRegistrations.HttpClientNamePrefix + "deepseek")
            .AddHttpMessageHandler(() => new ClockAdvancingHandler(_time, TimeSpan.FromMilliseconds(1500))));
        var meters = services.GetRequiredService<IMeterFactory>();
        using var tokens = new MetricCollector<int>(meters, ChineseLlmTelemetry.MeterName, "gen_ai.client.token.usage");
        using var duration = new MetricCollector<double>(meters, ChineseLlmTelemetry.MeterName, "gen_ai.client.operation.duration");
        using var cost = new MetricCollector<double>(meters, ChineseLlmTelemetry.MeterName, "chinesellm.cost");

        await services.GetRequiredKeyedService<IChatClient>("deepseek").GetResponseAsync("你好");

        var usage = tokens.GetMeasurementSnapshot();
        Assert.Equal(2, usage.Count);
        var input = Assert.Single(usage, m => Equals(m.Tags["gen_ai.token.type"], "input"));
        var output = Assert.Single(usage, m => Equals(m.Tags["gen_ai.token.type"], "output"));
        Assert.Equal(324, input.Value);
        Assert.Equal(58, output.Value);
        foreach (var measurement in usage)
        {
            Assert.Equal("chat", measurement.Tags["gen_ai.operation.name"]);
            Assert.Equal("deepseek", measurement.Tags["gen_ai.provider.name"]);
            Assert.Equal("deepseek-flash", measurement.Tags["gen_ai.request.model"]);
            Assert.Equal("deepseek-chat", measurement.Tags["gen_ai.response.model"]);
            Assert.Equal(Endpoint.Port, measurement.Tags["server.port"]);
        }

        var seconds = Assert.Single(duration.GetMeasurementSnapshot());
        Assert.Equal(1.5, seconds.Value, 6);
        Assert.Equal("deepseek", seconds.Tags["gen_ai.provider.name"]);
        Assert.False(seconds.Tags.ContainsKey("error.type"));

        var cny = Assert.Single(cost.GetMeasurementSnapshot());
        Assert.Equal(DeepSeekPlainCost, cny.Value, 12);
        Assert.Equal("deepseek", cny.Tags["gen_ai.provider.name"]);
        Assert.Equal("deepseek-flash", cny.Tags["gen_ai.request.model"]);
        Assert.Equal("deepseek-chat", cny.Tags["gen_ai.response.model"]);
        Assert.Equal("{CNY}", cost.Instrument!.Unit);
    }

    [Fact]
    public async Task GetResponseAsync_DuringDeepSeekPeakHours_CostsTwice()
    {
        using var recorder = new ActivityRecorder(Source);
        _time.SetUtcNow(s_peak);
        Stub("deepseek", "chat-plain.json", "x-ds-trace-id");
        var services = BuildServices();
        using var cost = new MetricCollector<double>(services.GetRequiredService<IMeterFactory>(), ChineseLlmTelemetry.MeterName, "chinesellm.cost");

        await services.GetRequiredKeyedService<IChatClient>("deepseek").GetResponseAsync("你好");

        Assert.Equal(2 * DeepSeekPlainCost, Assert.Single(cost.GetMeasurementSnapshot()).Value, 12);
        Assert.Equal(2 * DeepSeekPlainCost, (double)Tag(Assert.Single(recorder.From(Source)), "chinesellm.cost")!, 12);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_KimiStream_RecordsSpanAndMetricsAtTheEnd()
    {
        using var recorder = new ActivityRecorder(Source);
        Stub("kimi", "stream-include-usage.sse", "msh-request-id");
        var services = BuildServices();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var tokens = new MetricCollector<int>(meters, ChineseLlmTelemetry.MeterName, "gen_ai.client.token.usage");
        using var cost = new MetricCollector<double>(meters, ChineseLlmTelemetry.MeterName, "chinesellm.cost");

        var text = "";
        await foreach (var update in services.GetRequiredKeyedService<IChatClient>("kimi").GetStreamingResponseAsync("你好"))
        {
            text += update.Text;
            Assert.Empty(recorder.From(Source)); // the span is open until the stream ends
        }

        Assert.Equal("你好！有什么可以帮你？", text);
        var span = Assert.Single(recorder.From(Source));
        Assert.Equal("chat kimi-k2.6", span.DisplayName);
        Assert.Equal("kimi", Tag(span, "gen_ai.provider.name"));
        Assert.Equal(true, Tag(span, "gen_ai.request.stream"));
        Assert.Equal("kimi-k2.6", Tag(span, "gen_ai.response.model"));
        Assert.Equal("chatcmpl-9f0b7d2e41a34c6b", Tag(span, "gen_ai.response.id"));
        Assert.Equal(19L, Tag(span, "gen_ai.usage.input_tokens"));
        Assert.Equal(13L, Tag(span, "gen_ai.usage.output_tokens"));
        Assert.Equal(12L, Tag(span, "gen_ai.usage.cache_read.input_tokens"));
        Assert.Equal("req-telemetry-1", Tag(span, "chinesellm.request_id"));
        Assert.Equal(KimiStreamCost, (double)Tag(span, "chinesellm.cost")!, 12);
        Assert.Equal([19, 13], tokens.GetMeasurementSnapshot().Select(m => m.Value).Order().Reverse());
        Assert.Equal(KimiStreamCost, Assert.Single(cost.GetMeasurementSnapshot()).Value, 12);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ConsumerStopsEarly_EndsSpanWithoutError()
    {
        using var recorder = new ActivityRecorder(Source);
        Stub("kimi", "stream-include-usage.sse", "msh-request-id");
        var client = BuildServices().GetRequiredKeyedService<IChatClient>("kimi");

        await foreach (var update in client.GetStreamingResponseAsync("你好"))
        {
            break;
        }

        var span = Assert.Single(recorder.From(Source));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Null(Tag(span, "error.type"));
        Assert.Null(Tag(span, "chinesellm.cost"));
    }

    [Fact]
    public async Task GetResponseAsync_ProviderError_RecordsErrorTypeStatusAndDuration()
    {
        using var recorder = new ActivityRecorder(Source);
        Stub("deepseek", "error-401-authentication-fails.json", "x-ds-trace-id", statusCode: 401);
        var services = BuildServices();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var duration = new MetricCollector<double>(meters, ChineseLlmTelemetry.MeterName, "gen_ai.client.operation.duration");
        using var tokens = new MetricCollector<int>(meters, ChineseLlmTelemetry.MeterName, "gen_ai.client.token.usage");
        using var cost = new MetricCollector<double>(meters, ChineseLlmTelemetry.MeterName, "chinesellm.cost");

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => services.GetRequiredKeyedService<IChatClient>("deepseek").GetResponseAsync("你好"));

        Assert.Equal(LlmErrorKind.Authentication, ex.Kind);
        var span = Assert.Single(recorder.From(Source));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(ex.Message, span.StatusDescription);
        Assert.Equal("Authentication", Tag(span, "error.type"));
        Assert.Equal(401, Tag(span, "http.response.status_code"));
        Assert.Equal("authentication_error", Tag(span, "chinesellm.error.code"));
        Assert.Equal("req-telemetry-1", Tag(span, "chinesellm.request_id"));
        Assert.Null(Tag(span, "chinesellm.cost"));
        var failed = Assert.Single(duration.GetMeasurementSnapshot());
        Assert.Equal("Authentication", failed.Tags["error.type"]);
        Assert.Equal("deepseek", failed.Tags["gen_ai.provider.name"]);
        Assert.Empty(tokens.GetMeasurementSnapshot());
        Assert.Empty(cost.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task Telemetry_SuccessErrorAndStream_NeverRecordsTheApiKeyOrAUrl()
    {
        using var recorder = new ActivityRecorder(Source);
        var services = BuildServices();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var tokens = new MetricCollector<int>(meters, ChineseLlmTelemetry.MeterName, "gen_ai.client.token.usage");
        using var duration = new MetricCollector<double>(meters, ChineseLlmTelemetry.MeterName, "gen_ai.client.operation.duration");
        using var cost = new MetricCollector<double>(meters, ChineseLlmTelemetry.MeterName, "chinesellm.cost");
        var deepseek = services.GetRequiredKeyedService<IChatClient>("deepseek");
        var kimi = services.GetRequiredKeyedService<IChatClient>("kimi");

        Stub("deepseek", "chat-plain.json", "x-ds-trace-id");
        await deepseek.GetResponseAsync("你好");
        _server.Reset();
        Stub("kimi", "stream-include-usage.sse", "msh-request-id");
        await kimi.GetStreamingResponseAsync("你好").ToListAsync();
        _server.Reset();
        Stub("deepseek", "error-401-authentication-fails.json", "x-ds-trace-id", statusCode: 401);
        await Assert.ThrowsAsync<ChineseLlmException>(() => deepseek.GetResponseAsync("你好"));

        var spans = recorder.From(Source);
        Assert.Equal(3, spans.Count);
        foreach (var span in spans)
        {
            DoesNotContain(SecretApiKey, span);
            DoesNotContain(_server.Url!, span);
        }

        DoesNotContain(SecretApiKey, tokens.GetMeasurementSnapshot());
        DoesNotContain(SecretApiKey, duration.GetMeasurementSnapshot());
        DoesNotContain(SecretApiKey, cost.GetMeasurementSnapshot());
        var logs = services.GetFakeLogCollector().GetSnapshot();
        Assert.Contains(logs, r => r.Id.Name == "ProviderCallPriced");
        foreach (var record in logs)
        {
            var text = record.Message + " " + string.Join(" ", record.StructuredState?.Select(kv => kv.Value) ?? []);
            Assert.DoesNotContain(SecretApiKey, text, StringComparison.Ordinal);
            Assert.DoesNotContain("http://", text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task GetResponseAsync_PricedCall_LogsCostAtDebug()
    {
        Stub("deepseek", "chat-plain.json", "x-ds-trace-id");
        var services = BuildServices();

        await services.GetRequiredKeyedService<IChatClient>("deepseek").GetResponseAsync("你好");

        var priced = Assert.Single(services.GetFakeLogCollector().GetSnapshot(), r => r.Id.Name == "ProviderCallPriced");
        Assert.Equal(LogLevel.Debug, priced.Level);
        Assert.Equal("ChineseLlm.Client.deepseek", priced.Category);
        Assert.Equal("deepseek", priced.GetStructuredStateValue("Provider"));
        Assert.Equal("deepseek-flash", priced.GetStructuredStateValue("Model"));
        Assert.Equal(((decimal)DeepSeekPlainCost).ToString(System.Globalization.CultureInfo.CurrentCulture), priced.GetStructuredStateValue("Cost"));
        Assert.Equal("324", priced.GetStructuredStateValue("InputTokens"));
    }

    [Fact]
    public async Task GetResponseAsync_ModelMissingFromCatalog_RecordsNoCostAndLogsWhy()
    {
        using var recorder = new ActivityRecorder(Source);
        Stub("deepseek", "chat-plain.json", "x-ds-trace-id");
        var services = BuildServices();
        using var cost = new MetricCollector<double>(services.GetRequiredService<IMeterFactory>(), ChineseLlmTelemetry.MeterName, "chinesellm.cost");

        await services.GetRequiredKeyedService<IChatClient>("deepseek").GetResponseAsync("你好", new ChatOptions { ModelId = "deepseek-unreleased" });

        var span = Assert.Single(recorder.From(Source));
        Assert.Equal("deepseek-unreleased", Tag(span, "gen_ai.request.model"));
        Assert.Null(Tag(span, "chinesellm.cost"));
        Assert.Equal(324L, Tag(span, "gen_ai.usage.input_tokens"));
        Assert.Empty(cost.GetMeasurementSnapshot());
        Assert.Single(services.GetFakeLogCollector().GetSnapshot(), r => r.Id.Name == "ProviderCallNotPriced");
    }

    [Fact]
    public async Task GetResponseAsync_ClientBuiltWithoutDependencyInjection_RecordsSpan()
    {
        using var recorder = new ActivityRecorder(Source);
        Stub("deepseek", "chat-plain.json", "x-ds-trace-id");
        using var client = new DeepSeekChatClient(new DeepSeekOptions { ApiKey = SecretApiKey, Endpoint = Endpoint });

        await client.GetResponseAsync("你好");

        var span = Assert.Single(recorder.From(Source));
        Assert.Equal("deepseek", Tag(span, "gen_ai.provider.name"));
        Assert.Equal(324L, Tag(span, "gen_ai.usage.input_tokens"));
        var cost = (double)Tag(span, "chinesellm.cost")!;
        Assert.True(Math.Abs(cost - DeepSeekPlainCost) < 1e-12 || Math.Abs(cost - (2 * DeepSeekPlainCost)) < 1e-12, $"off-peak or peak price, got {cost}");
    }

    [Fact]
    public async Task GetResponseAsync_InsideUseOpenTelemetry_EnrichesItsSpanInsteadOfOpeningASecond()
    {
        using var recorder = new ActivityRecorder(Source, OuterSource);
        Stub("deepseek", "chat-plain.json", "x-ds-trace-id");
        var services = BuildServices();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var tokens = new MetricCollector<int>(meters, ChineseLlmTelemetry.MeterName, "gen_ai.client.token.usage");
        using var cost = new MetricCollector<double>(meters, ChineseLlmTelemetry.MeterName, "chinesellm.cost");
        using var client = services.GetRequiredKeyedService<IChatClient>("deepseek").AsBuilder()
            .UseOpenTelemetry(sourceName: OuterSource)
            .Build(services);

        await client.GetResponseAsync("你好");

        Assert.Empty(recorder.From(Source));
        var span = Assert.Single(recorder.From(OuterSource));
        Assert.Equal("chat deepseek-flash", span.DisplayName);
        Assert.Equal("deepseek", Tag(span, "gen_ai.provider.name")); // read from the client's ChatClientMetadata
        Assert.Equal(324, Tag(span, "gen_ai.usage.input_tokens"));
        Assert.Equal("req-telemetry-1", Tag(span, "chinesellm.request_id"));
        Assert.Equal(DeepSeekPlainCost, (double)Tag(span, "chinesellm.cost")!, 12);
        Assert.Empty(tokens.GetMeasurementSnapshot()); // left to UseOpenTelemetry's own meter
        Assert.Equal(DeepSeekPlainCost, Assert.Single(cost.GetMeasurementSnapshot()).Value, 12);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_InsideUseOpenTelemetry_EnrichesItsSpan()
    {
        using var recorder = new ActivityRecorder(Source, OuterSource);
        Stub("kimi", "stream-include-usage.sse", "msh-request-id");
        var services = BuildServices();
        using var client = services.GetRequiredKeyedService<IChatClient>("kimi").AsBuilder()
            .UseOpenTelemetry(sourceName: OuterSource)
            .Build(services);

        await client.GetStreamingResponseAsync("你好").ToListAsync();

        Assert.Empty(recorder.From(Source));
        var span = Assert.Single(recorder.From(OuterSource));
        Assert.Equal("kimi", Tag(span, "gen_ai.provider.name"));
        Assert.Equal(KimiStreamCost, (double)Tag(span, "chinesellm.cost")!, 12);
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        _server.Dispose();
    }

    private void Stub(string provider, string file, string requestIdHeader, int statusCode = 200) =>
        _server.Given(Request.Create().UsingPost()).RespondWith(Response.Create()
            .WithStatusCode(statusCode)
            .WithHeader("Content-Type", file.EndsWith(".sse", StringComparison.Ordinal) ? "text/event-stream" : "application/json")
            .WithHeader(requestIdHeader, "req-telemetry-1")
            .WithBody(Payload.Read(provider, file)));

    private ServiceProvider BuildServices(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddFakeLogging(o => o.CollectRecordsForDisabledLogLevels = false);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug));
        services.AddChineseLlm(o =>
        {
            o.Providers.DeepSeek.ApiKey = SecretApiKey;
            o.Providers.DeepSeek.Endpoint = Endpoint;
            o.Providers.DeepSeek.MaxRetryAttempts = 0;
            o.Providers.Kimi.ApiKey = SecretApiKey;
            o.Providers.Kimi.Endpoint = Endpoint;
            o.Providers.Kimi.MaxRetryAttempts = 0;
        });
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider;
    }
}
