using ChineseLlm.Client.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Telemetry;

/// <summary>
/// Quiet by default: at the default log level (Information) a successful call writes nothing — not from the clients,
/// the router, or the resilience pipeline (Polly reports every attempt as an Information event unless told otherwise).
/// </summary>
public sealed class QuietLoggingTests
{
    [Fact]
    public async Task SuccessfulCalls_AtDefaultLevel_WriteNoInformationLines()
    {
        var collector = new FakeLogCollector();
        await using var provider = Build(collector, LogLevel.Information);

        await CallAsync(provider);

        var loud = collector.GetSnapshot().Where(r => r.Level >= LogLevel.Information).ToList();
        Assert.True(loud.Count == 0, "Information or louder lines per call:\n" + string.Join('\n', loud.Select(r => $"{r.Level} {r.Category}: {r.Message}")));
    }

    [Fact]
    public async Task SuccessfulCalls_AtDebug_KeepTheAttemptAndCallDetails()
    {
        var collector = new FakeLogCollector();
        await using var provider = Build(collector, LogLevel.Debug);

        await CallAsync(provider);

        var records = collector.GetSnapshot();
        Assert.Contains(records, r => r.Level == LogLevel.Debug && r.Category?.StartsWith("Polly", StringComparison.Ordinal) == true && r.Message.Contains("Execution attempt", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Level == LogLevel.Debug && r.Id.Name == "ProviderCallSucceeded");
        Assert.Contains(records, r => r.Level == LogLevel.Debug && r.Id.Name == "RouteCompleted");
    }

    private static ServiceProvider Build(FakeLogCollector collector, LogLevel minimum)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-30T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var simulator = new ProviderSimulatorHandler(time).SetReply(SimulatedReply.FromText("你好，我在。"));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddLogging(logging => logging.SetMinimumLevel(minimum).AddProvider(new FakeLoggerProvider(collector)));
        services.AddChineseLlm(o =>
        {
            o.Providers.DeepSeek.ApiKey = "sk-quiet";
            o.Providers.Kimi.ApiKey = "sk-quiet";
        }).UseProviderSimulator(simulator);
        return services.BuildServiceProvider();
    }

    private static async Task CallAsync(IServiceProvider provider)
    {
        var router = provider.GetRequiredService<IChatClient>();
        var response = await router.GetResponseAsync("你好", new ChatOptions().WithTier(ModelTier.Standard));
        Assert.Equal("你好，我在。", response.Text);
        var streamed = "";
        await foreach (var update in router.GetStreamingResponseAsync("你好", new ChatOptions().WithTier(ModelTier.Advanced)))
        {
            streamed += update.Text;
        }

        Assert.Equal("你好，我在。", streamed);
        var direct = await provider.GetRequiredKeyedService<IChatClient>("kimi").GetResponseAsync("你好");
        Assert.Equal("你好，我在。", direct.Text);
    }
}
