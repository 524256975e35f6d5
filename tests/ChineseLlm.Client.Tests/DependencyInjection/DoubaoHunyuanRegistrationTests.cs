using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChineseLlm.Client.DependencyInjection;

public sealed class DoubaoHunyuanRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddChineseLlm(configuration.GetSection("ChineseLlm"));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public void AddChineseLlm_DoubaoSection_RegistersKeyedDoubaoClient()
    {
        using var provider = Build(new()
        {
            ["ChineseLlm:Providers:Doubao:ApiKey"] = "ark-key",
            ["ChineseLlm:Providers:Doubao:DefaultModel"] = "ep-20250504112638-zjqvx",
        });

        var client = provider.GetRequiredKeyedService<IChatClient>("doubao");

        Assert.NotNull(client.GetService<DoubaoChatClient>());
        var metadata = client.GetService<ChatClientMetadata>()!;
        Assert.Equal("doubao", metadata.ProviderName);
        Assert.Equal("ep-20250504112638-zjqvx", metadata.DefaultModelId);
        Assert.Equal("ark-key", provider.GetRequiredService<IOptions<ChineseLlmOptions>>().Value.Providers.Doubao.ApiKey);
    }

    [Fact]
    public void AddChineseLlm_DoubaoWithoutKey_IsNotRegistered()
    {
        using var provider = Build(new() { ["ChineseLlm:Providers:Doubao:DefaultModel"] = "doubao-seed-1-6-250615" });

        Assert.Null(provider.GetKeyedService<IChatClient>("doubao"));
    }

    [Fact]
    public void AddChineseLlm_DoubaoBadEndpoint_FailsValidationNamingTheKey()
    {
        using var provider = Build(new()
        {
            ["ChineseLlm:Providers:Doubao:ApiKey"] = "ark-key",
            ["ChineseLlm:Providers:Doubao:Endpoint"] = "/api/v3",
        });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ChineseLlmOptions>>().Value);

        Assert.Contains("ChineseLlm:Providers:Doubao:Endpoint", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddChineseLlm_HunyuanSecretIdAndKey_RegistersTheNativeClient()
    {
        using var provider = Build(new()
        {
            ["ChineseLlm:Providers:Hunyuan:SecretId"] = "AKIDx",
            ["ChineseLlm:Providers:Hunyuan:SecretKey"] = "secret",
            ["ChineseLlm:Providers:Hunyuan:Region"] = "ap-guangzhou",
        });

        var client = provider.GetRequiredKeyedService<IChatClient>("hunyuan");

        Assert.NotNull(client.GetService<HunyuanChatClient>());
        var metadata = client.GetService<ChatClientMetadata>()!;
        Assert.Equal("hunyuan", metadata.ProviderName);
        Assert.Equal(new Uri("https://hunyuan.tencentcloudapi.com"), metadata.ProviderUri);
        Assert.Equal("ap-guangzhou", provider.GetRequiredService<IOptions<ChineseLlmOptions>>().Value.Providers.Hunyuan.Region);
    }

    [Fact]
    public void AddChineseLlm_HunyuanApiKeyOnly_RegistersTheCompatibleClient()
    {
        using var provider = Build(new() { ["ChineseLlm:Providers:Hunyuan:ApiKey"] = "sk-hunyuan" });

        var metadata = provider.GetRequiredKeyedService<IChatClient>("hunyuan").GetService<ChatClientMetadata>()!;

        Assert.Equal(new Uri("https://api.hunyuan.cloud.tencent.com/v1"), metadata.ProviderUri);
    }

    [Fact]
    public void AddChineseLlm_HunyuanSecretIdWithoutSecretKey_FailsValidationNamingTheKey()
    {
        using var provider = Build(new() { ["ChineseLlm:Providers:Hunyuan:SecretId"] = "AKIDx" });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ChineseLlmOptions>>().Value);

        Assert.Contains("ChineseLlm:Providers:Hunyuan:SecretKey is required", ex.Message, StringComparison.Ordinal);
        Assert.Null(provider.GetKeyedService<IChatClient>("hunyuan"));
    }

    [Fact]
    public void AddChineseLlm_NoHunyuanSection_IsDisabledWithoutValidationErrors()
    {
        using var provider = Build(new() { ["ChineseLlm:Providers:Doubao:ApiKey"] = "ark-key" });

        Assert.NotNull(provider.GetRequiredService<IOptions<ChineseLlmOptions>>().Value);
        Assert.Null(provider.GetKeyedService<IChatClient>("hunyuan"));
    }
}
