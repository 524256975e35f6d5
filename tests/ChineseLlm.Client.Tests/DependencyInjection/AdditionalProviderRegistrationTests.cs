using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChineseLlm.Client.DependencyInjection;

/// <summary>DI wiring of the providers added after DeepSeek and Kimi: key, configuration section, client type, validation.</summary>
public sealed class AdditionalProviderRegistrationTests
{
    public static TheoryData<string, string, Type, string> Providers => new()
    {
        { "glm", "Glm", typeof(GlmChatClient), "glm-5.1" },
        { "baichuan", "Baichuan", typeof(BaichuanChatClient), "Baichuan4-Turbo" },
        { "yi", "Yi", typeof(YiChatClient), "yi-lightning" },
        { "spark", "Spark", typeof(SparkChatClient), "generalv3.5" },
        { "minimax", "MiniMax", typeof(MiniMaxChatClient), "MiniMax-M2.7" },
    };

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Theory]
    [MemberData(nameof(Providers))]
    public void AddChineseLlm_SectionWithApiKey_RegistersKeyedClient(string key, string section, Type clientType, string defaultModel)
    {
        var services = new ServiceCollection();
        var builder = services.AddChineseLlm(Config(($"ChineseLlm:Providers:{section}:ApiKey", "k-123")).GetSection("ChineseLlm"));
        using var provider = services.BuildServiceProvider();

        Assert.Equal([key], builder.EnabledProviders);
        var client = provider.GetRequiredKeyedService<IChatClient>(key);
        Assert.IsType(clientType, client);
        var metadata = client.GetService<ChatClientMetadata>()!;
        Assert.Equal(key, metadata.ProviderName);
        Assert.Equal(defaultModel, metadata.DefaultModelId);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void AddChineseLlm_SectionWithoutApiKey_RegistersNothing(string key, string section, Type clientType, string defaultModel)
    {
        _ = clientType;
        _ = defaultModel;
        var services = new ServiceCollection();
        var builder = services.AddChineseLlm(Config(($"ChineseLlm:Providers:{section}:DefaultModel", "m")).GetSection("ChineseLlm"));
        using var provider = services.BuildServiceProvider();

        Assert.Empty(builder.EnabledProviders);
        Assert.Null(provider.GetKeyedService<IChatClient>(key));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void AddChineseLlm_BadEndpoint_FailsValidationNamingTheKey(string key, string section, Type clientType, string defaultModel)
    {
        _ = key;
        _ = clientType;
        _ = defaultModel;
        var services = new ServiceCollection();
        services.AddChineseLlm(Config(
            ($"ChineseLlm:Providers:{section}:ApiKey", "k-123"),
            ($"ChineseLlm:Providers:{section}:Endpoint", "ftp://vendor.example")).GetSection("ChineseLlm"));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ChineseLlmOptions>>().Value);

        Assert.Contains(ex.Failures, f => f.Contains($"ChineseLlm:Providers:{section}:Endpoint", StringComparison.Ordinal));
    }

    [Fact]
    public void AddChineseLlm_PanguWithEndpoint_RegistersKeyedClient()
    {
        var services = new ServiceCollection();
        services.AddChineseLlm(Config(
            ("ChineseLlm:Providers:Pangu:ApiKey", "k-123"),
            ("ChineseLlm:Providers:Pangu:Endpoint", "https://pangu.example/api/v2"),
            ("ChineseLlm:Providers:Pangu:DefaultModel", "pangu-nlp-n2-128k")).GetSection("ChineseLlm"));
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredKeyedService<IChatClient>("pangu");
        Assert.IsType<PanguChatClient>(client);
        Assert.Equal("pangu-nlp-n2-128k", client.GetService<ChatClientMetadata>()!.DefaultModelId);
    }

    [Fact]
    public void AddChineseLlm_PanguWithoutEndpoint_FailsValidationNamingEndpoint()
    {
        var services = new ServiceCollection();
        services.AddChineseLlm(Config(("ChineseLlm:Providers:Pangu:ApiKey", "k-123")).GetSection("ChineseLlm"));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ChineseLlmOptions>>().Value);

        Assert.Contains(ex.Failures, f => f.StartsWith("ChineseLlm:Providers:Pangu:Endpoint is required", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void EmbeddedCatalog_EachAddedProvider_HasRowsAndItsDefaultModel(string key, string section, Type clientType, string defaultModel)
    {
        _ = section;
        _ = clientType;
        var rows = Catalog.ModelCatalog.Embedded.Models.Where(m => m.Provider == key).ToList();

        Assert.NotEmpty(rows);
        Assert.Contains(rows, m => m.Id == defaultModel);
    }

    [Fact]
    public void AddChineseLlm_PanguWithIamUserInsteadOfApiKey_IsEnabled()
    {
        var services = new ServiceCollection();
        var builder = services.AddChineseLlm(Config(
            ("ChineseLlm:Providers:Pangu:IamUserName", "pangu-user"),
            ("ChineseLlm:Providers:Pangu:IamPassword", "p"),
            ("ChineseLlm:Providers:Pangu:IamDomainName", "my-account"),
            ("ChineseLlm:Providers:Pangu:Endpoint", "https://pangu.example/api/v2")).GetSection("ChineseLlm"));
        using var provider = services.BuildServiceProvider();

        Assert.Equal(["pangu"], builder.EnabledProviders);
        Assert.IsType<PanguChatClient>(provider.GetRequiredKeyedService<IChatClient>("pangu"));
    }
}
