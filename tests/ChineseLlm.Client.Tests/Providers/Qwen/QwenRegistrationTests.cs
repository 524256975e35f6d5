using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChineseLlm.Client.Providers.Qwen;

/// <summary>Qwen through <c>AddChineseLlm</c>: the keyed client, the protocol switch and the validation messages.</summary>
public sealed class QwenRegistrationTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void AddChineseLlm_QwenSection_RegistersKeyedNativeClientOnTheRegionsDomain()
    {
        var services = new ServiceCollection();
        var builder = services.AddChineseLlm(Config(
            ("ChineseLlm:Providers:Qwen:ApiKey", "sk-qwen"),
            ("ChineseLlm:Providers:Qwen:Region", "Singapore")).GetSection("ChineseLlm"));
        using var provider = services.BuildServiceProvider();

        Assert.Contains("qwen", builder.EnabledProviders);
        var qwen = provider.GetRequiredKeyedService<IChatClient>("qwen");
        Assert.IsType<QwenChatClient>(qwen);
        var metadata = qwen.GetService<ChatClientMetadata>()!;
        Assert.Equal("qwen", metadata.ProviderName);
        Assert.Equal(new Uri("https://dashscope-intl.aliyuncs.com/api/v1"), metadata.ProviderUri);
        Assert.IsType<QwenNativeProtocol>(qwen.GetService<QwenNativeProtocol>());
    }

    [Fact]
    public void AddChineseLlm_ProtocolOpenAiCompatible_UsesTheCompatibleEndpoint()
    {
        var services = new ServiceCollection();
        services.AddChineseLlm(Config(
            ("ChineseLlm:Providers:Qwen:ApiKey", "sk-qwen"),
            ("ChineseLlm:Providers:Qwen:Protocol", "OpenAiCompatible"),
            ("ChineseLlm:Providers:Qwen:DefaultModel", "qwen3-max")).GetSection("ChineseLlm"));
        using var provider = services.BuildServiceProvider();

        var metadata = provider.GetRequiredKeyedService<IChatClient>("qwen").GetService<ChatClientMetadata>()!;

        Assert.Equal(new Uri("https://dashscope.aliyuncs.com/compatible-mode/v1"), metadata.ProviderUri);
        Assert.Equal("qwen3-max", metadata.DefaultModelId);
    }

    [Fact]
    public void AddChineseLlm_QwenInvalidSettings_FailsNamingTheKeys()
    {
        var services = new ServiceCollection();
        services.AddChineseLlm(o =>
        {
            o.Providers.Qwen.ApiKey = "sk-qwen";
            o.Providers.Qwen.Region = (QwenRegion)42;
            o.Providers.Qwen.Endpoint = new Uri("ftp://dashscope.example");
        });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ChineseLlmOptions>>().Value);

        Assert.Contains(ex.Failures, f => f.StartsWith("ChineseLlm:Providers:Qwen:Region", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("ChineseLlm:Providers:Qwen:Endpoint", StringComparison.Ordinal));
    }

    [Fact]
    public void AddChineseLlm_QwenWithoutKey_IsNotRegistered()
    {
        var services = new ServiceCollection();
        var builder = services.AddChineseLlm(Config(("ChineseLlm:Providers:Qwen:Region", "Virginia")).GetSection("ChineseLlm"));
        using var provider = services.BuildServiceProvider();

        Assert.DoesNotContain("qwen", builder.EnabledProviders);
        Assert.Null(provider.GetKeyedService<IChatClient>("qwen"));
        _ = provider.GetRequiredService<IOptions<ChineseLlmOptions>>().Value; // a disabled provider is not an error
    }
}
