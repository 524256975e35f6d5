using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static ChineseLlm.Client.Routing.RouterTestCatalog;

namespace ChineseLlm.Client.Routing;

public sealed partial class CostAwareChatClientTests
{
    private static IConfigurationRoot Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ChineseLlm:Providers:DeepSeek:ApiKey"] = "sk-test-deepseek",
            ["ChineseLlm:Providers:Kimi:ApiKey"] = "sk-test-kimi",
        }.Concat(values).ToDictionary(p => p.Key, p => p.Value)).Build();

    [Fact]
    public void AddChineseLlm_Configuration_RegistersRouterAsUnkeyedChatClientWithBoundRouting()
    {
        var configuration = Configuration(new()
        {
            ["ChineseLlm:Routing:DefaultTier"] = "Advanced",
            ["ChineseLlm:Routing:ExpectedOutputTokens"] = "2048",
            ["ChineseLlm:Routing:Cooldown"] = "00:01:00",
            ["ChineseLlm:Routing:Budget:Limit"] = "500",
            ["ChineseLlm:Routing:Budget:Period"] = "Day",
            ["ChineseLlm:Models:0:Provider"] = "kimi",
            ["ChineseLlm:Models:0:Id"] = "kimi-k2.6",
            ["ChineseLlm:Models:0:InputPerMillion"] = "0.5",
            ["ChineseLlm:Models:0:OutputPerMillion"] = "1.5",
            ["ChineseLlm:Models:1:Provider"] = "deepseek",
            ["ChineseLlm:Models:1:Id"] = "deepseek-lab",
            ["ChineseLlm:Models:1:Tier"] = "Standard",
            ["ChineseLlm:Models:1:ContextWindow"] = "65536",
            ["ChineseLlm:Models:1:Capabilities:0"] = "Tools",
            ["ChineseLlm:Models:1:InputPerMillion"] = "0.1",
            ["ChineseLlm:Models:1:OutputPerMillion"] = "0.2",
            ["ChineseLlm:Models:1:TimeWindows:0:Days:0"] = "Monday",
            ["ChineseLlm:Models:1:TimeWindows:0:Start"] = "09:00",
            ["ChineseLlm:Models:1:TimeWindows:0:End"] = "12:00",
            ["ChineseLlm:Models:1:TimeWindows:0:Multiplier"] = "2",
        });
        var services = new ServiceCollection();
        services.AddChineseLlm(configuration);
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IChatClient>();

        var router = Assert.IsType<CostAwareChatClient>(client);
        Assert.Same(router, provider.GetRequiredService<CostAwareChatClient>());
        Assert.Equal(["deepseek", "kimi"], router.Providers);
        var settings = router.Settings;
        Assert.Equal((ModelTier.Advanced, 2048, 500m, BudgetPeriod.Day, TimeSpan.FromMinutes(1)),
            (settings.DefaultTier, settings.ExpectedOutputTokens, settings.BudgetLimit, settings.BudgetPeriod, settings.Cooldown));
        Assert.Equal(0.5m, settings.Catalog.Find("kimi", "kimi-k2.6")!.InputPerMillion);
        var added = settings.Catalog.Find("deepseek", "deepseek-lab")!;
        Assert.Equal((ModelTier.Standard, 65536, ModelCapabilities.Tools, 2m), (added.Tier!.Value, added.ContextWindow!.Value, added.CapabilityFlags, added.TimeWindows[0].Multiplier!.Value));
    }

    [Fact]
    public void AddChineseLlm_InvalidRoutingAndModels_ValidationNamesEachKey()
    {
        var configuration = Configuration(new()
        {
            ["ChineseLlm:Routing:ExpectedOutputTokens"] = "0",
            ["ChineseLlm:Routing:Budget:Limit"] = "-1",
            ["ChineseLlm:Models:0:Provider"] = "kimi",
            ["ChineseLlm:Models:0:Id"] = "brand-new",
            ["ChineseLlm:Models:0:Capabilities:0"] = "Telepathy",
        });
        var services = new ServiceCollection();
        services.AddChineseLlm(configuration);
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ChineseLlmOptions>>().Value);

        Assert.Contains("ChineseLlm:Routing:ExpectedOutputTokens must be between 1 and 1000000 (got 0).", ex.Failures);
        Assert.Contains("ChineseLlm:Routing:Budget:Limit must be greater than zero when set (got -1).", ex.Failures);
        Assert.Contains(ex.Failures, f => f.StartsWith("ChineseLlm:Models:0:Tier is required", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("ChineseLlm:Models:0:Capabilities:0 'Telepathy' is not a capability", StringComparison.Ordinal));
    }

    [Fact]
    public void AddChineseLlm_ConfigurationReload_RebuildsCatalogAndRoutingSettings()
    {
        var configuration = Configuration(new() { ["ChineseLlm:Routing:DefaultTier"] = "Standard" });
        var services = new ServiceCollection();
        services.AddChineseLlm(configuration);
        using var provider = services.BuildServiceProvider();
        var router = provider.GetRequiredService<CostAwareChatClient>();
        var before = router.Settings;

        configuration["ChineseLlm:Routing:DefaultTier"] = "Flagship";
        configuration["ChineseLlm:Models:0:Provider"] = "kimi";
        configuration["ChineseLlm:Models:0:Id"] = "kimi-k3";
        configuration["ChineseLlm:Models:0:InputPerMillion"] = "1";
        configuration["ChineseLlm:Models:0:OutputPerMillion"] = "2";
        configuration.Reload();

        Assert.Equal(ModelTier.Standard, before.DefaultTier);
        Assert.Equal(ModelTier.Flagship, router.Settings.DefaultTier);
        Assert.Equal(1m, router.Settings.Catalog.Find("kimi", "kimi-k3")!.InputPerMillion);
        Assert.NotEqual(1m, before.Catalog.Find("kimi", "kimi-k3")!.InputPerMillion);
    }

    [Fact]
    public void Reload_InvalidOptions_KeepsThePreviousSettings()
    {
        var (router, _, _) = Router();
        var before = router.Settings;
        var invalid = new ChineseLlmOptions { Routing = new RoutingOptions { ExpectedOutputTokens = -5 } };

        router.Reload(invalid);

        Assert.Same(before, router.Settings);
    }

    [Fact]
    public void AddChineseLlm_UserRegisteredChatClientFirst_IsKept()
    {
        var mine = new ScriptedChatClient("mine");
        var services = new ServiceCollection();
        services.AddSingleton<IChatClient>(mine);
        services.AddChineseLlm(Configuration([]));
        using var provider = services.BuildServiceProvider();

        Assert.Same(mine, provider.GetRequiredService<IChatClient>());
        Assert.Equal(["deepseek", "kimi"], provider.GetRequiredService<CostAwareChatClient>().Providers);
    }

    [Fact]
    public async Task AddChineseLlm_NoProviderConfigured_RouterFailsWithClearMessage()
    {
        var services = new ServiceCollection();
        services.AddChineseLlm(_ => { });
        using var provider = services.BuildServiceProvider();
        var router = provider.GetRequiredService<IChatClient>();

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => router.GetResponseAsync("你好"));

        Assert.Equal(LlmErrorKind.ModelNotFound, ex.Kind);
        Assert.Contains("no provider is configured", ex.Message, StringComparison.Ordinal);
    }
}
