using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Testing;

public sealed class ProviderSimulatorChineseLlmBuilderExtensionsTests
{
    [Fact]
    public async Task UseProviderSimulator_Instance_RoutesEveryEnabledProviderAndIsResolvable()
    {
        var simulator = new ProviderSimulatorHandler(new FakeTimeProvider())
            .SetReply("deepseek", SimulatedReply.FromText("from deepseek"))
            .SetReply("kimi", SimulatedReply.FromText("from kimi"));
        var services = new ServiceCollection();
        services.AddChineseLlm(o =>
        {
            o.Providers.DeepSeek.ApiKey = "sk-ds";
            o.Providers.Kimi.ApiKey = "sk-kimi";
            o.Providers.Kimi.Endpoint = new Uri("http://localhost:9/v1"); // the provider, not the address, decides
        }).UseProviderSimulator(simulator);
        await using var provider = services.BuildServiceProvider();

        var deepseek = await provider.GetRequiredKeyedService<IChatClient>("deepseek").GetResponseAsync("你好");
        var kimi = await provider.GetRequiredKeyedService<IChatClient>("kimi").GetResponseAsync("你好");

        Assert.Equal("from deepseek", deepseek.Text);
        Assert.Equal("from kimi", kimi.Text);
        Assert.Same(simulator, provider.GetRequiredService<ProviderSimulatorHandler>());
        Assert.Equal([SimulatedProtocol.DeepSeek, SimulatedProtocol.Kimi], simulator.Requests.Select(r => r.Protocol));
        Assert.Equal("localhost", simulator.RequestsTo("kimi").Single().Uri.Host);
    }

    [Fact]
    public async Task UseProviderSimulator_Configure_CreatesOneSimulatorOnTheContainersClock()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-10-01T08:00:00Z"));
        var configured = 0;
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddChineseLlm(o => o.Providers.Doubao.ApiKey = "ark-key").UseProviderSimulator(s =>
        {
            configured++;
            s.SetReply(SimulatedReply.FromText("配置好了"));
        });
        await using var provider = services.BuildServiceProvider();

        var response = await provider.GetRequiredKeyedService<IChatClient>("doubao").GetResponseAsync("你好");

        var simulator = provider.GetRequiredService<ProviderSimulatorHandler>();
        Assert.Equal("配置好了", response.Text);
        Assert.Same(time, simulator.TimeProvider);
        Assert.Equal(1, configured);
        Assert.Equal(time.GetUtcNow(), simulator.Requests.Single().ReceivedAt);
    }

    [Fact]
    public void UseProviderSimulator_NullArguments_Throw()
    {
        var builder = new ServiceCollection().AddChineseLlm(o => o.Providers.DeepSeek.ApiKey = "sk");
        Assert.Throws<ArgumentNullException>(() => builder.UseProviderSimulator((ProviderSimulatorHandler)null!));
        Assert.Throws<ArgumentNullException>(() => ProviderSimulatorChineseLlmBuilderExtensions.UseProviderSimulator(null!, new ProviderSimulatorHandler()));
    }
}
