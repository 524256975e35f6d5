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
}
