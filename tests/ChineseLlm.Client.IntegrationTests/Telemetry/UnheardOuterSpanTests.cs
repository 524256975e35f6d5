using ChineseLlm.Client.Conformance;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using static ChineseLlm.Client.Telemetry.TelemetryAssert;

namespace ChineseLlm.Client.Telemetry;

/// <summary>
/// Runs alone: whether UseOpenTelemetry's span exists depends on every listener in the process, and some tests listen
/// to all sources (the secret-leak scanner); with none of them running, nobody listens to the outer source.
/// </summary>
[Collection(TelemetryAloneTestGroup.Name)]
public sealed class UnheardOuterSpanTests : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();

    [Fact]
    public async Task GetResponseAsync_InsideUseOpenTelemetryNobodyListensTo_RecordsItsOwnSpan()
    {
        var unheard = "ChineseLlm.Client.Tests.Unheard." + Guid.NewGuid().ToString("N");
        using var recorder = new ActivityRecorder(ChineseLlmTelemetry.SourceName);
        _server.Given(Request.Create().UsingPost()).RespondWith(Response.Create()
            .WithStatusCode(200)
            .WithHeader("Content-Type", "application/json")
            .WithBody(Payload.Read("deepseek", "chat-plain.json")));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.FromHours(8))));
        services.AddChineseLlm(o =>
        {
            o.Providers.DeepSeek.ApiKey = "sk-unheard-test";
            o.Providers.DeepSeek.Endpoint = new Uri(_server.Url!);
        });
        await using var provider = services.BuildServiceProvider();
        using var client = provider.GetRequiredKeyedService<IChatClient>("deepseek").AsBuilder()
            .UseOpenTelemetry(sourceName: unheard)
            .Build(provider);

        await client.GetResponseAsync("你好");

        var span = Assert.Single(recorder.From(ChineseLlmTelemetry.SourceName));
        Assert.Equal("deepseek", Tag(span, "gen_ai.provider.name"));
        Assert.Equal(0.00036784, (double)Tag(span, "chinesellm.cost")!, 12);
    }

    public void Dispose() => _server.Dispose();
}
