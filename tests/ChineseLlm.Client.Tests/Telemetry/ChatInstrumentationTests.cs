using System.Diagnostics.Metrics;
using ChineseLlm.Client.DependencyInjection;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace ChineseLlm.Client.Telemetry;

public sealed class ChatInstrumentationTests
{
    private static readonly DateTimeOffset s_sundayNight = new(2026, 11, 22, 3, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Price_RequestedModelInCatalog_UsesItsPrices()
    {
        var usage = new UsageDetails { InputTokenCount = 1_000_000, OutputTokenCount = 1_000_000 };

        // deepseek-flash off-peak: 1 CNY per million input tokens, 4 per million output tokens.
        var cost = ChatInstrumentation.Default.Price("deepseek", "deepseek-flash", "deepseek-v4-flash", usage, s_sundayNight);

        Assert.Equal(5m, cost);
    }

    [Fact]
    public void Price_RequestedModelUnknown_FallsBackToTheReportedModel()
    {
        var usage = new UsageDetails { InputTokenCount = 1_000_000, OutputTokenCount = 0 };

        var cost = ChatInstrumentation.Default.Price("kimi", "my-alias", "kimi-k2.6", usage, s_sundayNight);

        Assert.Equal(6.5m, cost);
    }

    [Fact]
    public void Price_NeitherModelInCatalog_ReturnsNull()
    {
        var usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 10 };

        Assert.Null(ChatInstrumentation.Default.Price("deepseek", "deepseek-unreleased", null, usage, s_sundayNight));
    }

    [Fact]
    public void Constructor_WithMeterFactory_CreatesTheMeterInThatFactory()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();

        var instrumentation = new ChatInstrumentation(factory, catalog: null);

        Assert.Same(factory, instrumentation.Meter.Scope);
        Assert.Equal(ChineseLlmTelemetry.MeterName, instrumentation.Meter.Name);
        Assert.Equal("{CNY}", instrumentation.Cost.Unit);
        Assert.Equal("{token}", instrumentation.TokenUsage.Unit);
        Assert.Equal("s", instrumentation.OperationDuration.Unit);
    }

    [Fact]
    public void AddChineseLlm_EveryRegisteredProvider_IsInstrumented()
    {
        var services = new ServiceCollection();
        services.AddChineseLlm(o =>
        {
            foreach (var registration in ProviderRegistrations.All)
            {
                registration.Select(o.Providers).ApiKey = "sk-instrumentation-check";
                registration.Select(o.Providers).Endpoint = new Uri("https://instrumentation-check.test/"); // Pangu has no default host
            }

            // Pangu has no public host: an enabled Pangu section must name its deployment's endpoint.
            o.Providers.Pangu.Endpoint = new Uri("https://pangu.example/api/v2");
        });
        using var provider = services.BuildServiceProvider();
        var instrumentation = provider.GetRequiredService<ChatInstrumentation>();

        Assert.Same(provider.GetRequiredService<IMeterFactory>(), instrumentation.Meter.Scope);
        foreach (var registration in ProviderRegistrations.All)
        {
            var client = provider.GetRequiredKeyedService<IChatClient>(registration.Key);
            Assert.True(
                client.GetService<TelemetryChatClient>() is not null,
                $"The '{registration.Key}' client records no telemetry: wrap its engine in a TelemetryChatClient (OpenAI-dialect engines get one from OpenAiCompatibleChatClientFactory).");
            Assert.Equal(registration.Key, client.GetService<ChatClientMetadata>()?.ProviderName);
        }
    }
}
