using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChineseLlm.Client.DependencyInjection;

public sealed class ChineseLlmServiceCollectionExtensionsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void AddChineseLlm_Configuration_RegistersKeyedClientsForProvidersWithCredentials()
    {
        var services = new ServiceCollection();
        var builder = services.AddChineseLlm(Config(("ChineseLlm:Providers:DeepSeek:ApiKey", "sk-ds")).GetSection("ChineseLlm"));
        using var provider = services.BuildServiceProvider();

        Assert.Equal(["deepseek"], builder.EnabledProviders);
        var deepseek = provider.GetRequiredKeyedService<IChatClient>("deepseek");
        Assert.IsType<DeepSeekChatClient>(deepseek);
        Assert.Equal("deepseek", deepseek.GetService<ChatClientMetadata>()!.ProviderName);
        Assert.Null(provider.GetKeyedService<IChatClient>("kimi"));
    }

    [Fact]
    public void AddChineseLlm_RootConfiguration_FindsTheChineseLlmSection()
    {
        var services = new ServiceCollection();
        var builder = services.AddChineseLlm(Config(("ChineseLlm:Providers:Kimi:ApiKey", "sk-kimi"), ("ChineseLlm:Providers:Kimi:DefaultModel", "kimi-k3")));
        using var provider = services.BuildServiceProvider();

        Assert.Equal(["kimi"], builder.EnabledProviders);
        var kimi = provider.GetRequiredKeyedService<IChatClient>("kimi");
        Assert.Equal("kimi-k3", kimi.GetService<ChatClientMetadata>()!.DefaultModelId);
    }

    [Fact]
    public void AddChineseLlm_Action_RegistersBothProviders()
    {
        var services = new ServiceCollection();
        services.AddChineseLlm(o =>
        {
            o.Providers.DeepSeek.ApiKey = "sk-ds";
            o.Providers.Kimi.ApiKey = "sk-kimi";
            o.Providers.Kimi.Endpoint = new Uri("https://api.moonshot.ai/v1");
        });
        using var provider = services.BuildServiceProvider();

        Assert.IsType<KimiChatClient>(provider.GetRequiredKeyedService<IChatClient>("kimi"));
        Assert.Equal(new Uri("https://api.moonshot.ai/v1"), provider.GetRequiredKeyedService<IChatClient>("kimi").GetService<ChatClientMetadata>()!.ProviderUri);
        Assert.IsType<DeepSeekChatClient>(provider.GetRequiredKeyedService<IChatClient>("deepseek"));
    }

    [Fact]
    public void AddChineseLlm_InvalidEndpoint_FailsValidationNamingTheKey()
    {
        var services = new ServiceCollection();
        services.AddChineseLlm(Config(
            ("ChineseLlm:Providers:Kimi:ApiKey", "sk-kimi"),
            ("ChineseLlm:Providers:Kimi:Endpoint", "ftp://moonshot.example"),
            ("ChineseLlm:Providers:DeepSeek:Timeout", "-00:00:01")).GetSection("ChineseLlm"));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ChineseLlmOptions>>().Value);

        Assert.Contains(ex.Failures, f => f.Contains("ChineseLlm:Providers:Kimi:Endpoint", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("ChineseLlm:Providers:DeepSeek:Timeout", StringComparison.Ordinal));
    }

    [Fact]
    public void AddChineseLlm_AttemptTimeoutLongerThanTimeout_FailsNamingBothKeys()
    {
        var services = new ServiceCollection();
        services.AddChineseLlm(o =>
        {
            o.Providers.DeepSeek.ApiKey = "sk";
            o.Providers.DeepSeek.Timeout = TimeSpan.FromSeconds(10);
            o.Providers.DeepSeek.AttemptTimeout = TimeSpan.FromSeconds(20);
        });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ChineseLlmOptions>>().Value);

        Assert.Contains("ChineseLlm:Providers:DeepSeek:AttemptTimeout", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ChineseLlm:Providers:DeepSeek:Timeout", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddChineseLlm_ProviderWithoutKey_IsDisabledNotInvalid()
    {
        var services = new ServiceCollection();
        var builder = services.AddChineseLlm(o => o.Providers.Kimi.ApiKey = "sk-kimi");
        using var provider = services.BuildServiceProvider();

        _ = provider.GetRequiredService<IOptions<ChineseLlmOptions>>().Value; // no validation error for DeepSeek
        Assert.DoesNotContain("deepseek", builder.EnabledProviders);
    }

    [Fact]
    public void AddChineseLlm_NamedHttpClient_HasInfiniteTimeoutBecauseThePipelineOwnsTime()
    {
        var services = new ServiceCollection();
        services.AddChineseLlm(o => o.Providers.DeepSeek.ApiKey = "sk");
        using var provider = services.BuildServiceProvider();

        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("ChineseLlm.deepseek");

        Assert.Equal(Timeout.InfiniteTimeSpan, http.Timeout);
    }
}
