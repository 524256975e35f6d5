using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChineseLlm.Client.Providers.Ernie;

/// <summary>ERNIE through <c>AddChineseLlm</c>: the keyed client, the protocol chosen by the credentials, validation messages.</summary>
public sealed class ErnieRegistrationTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void AddChineseLlm_ApiKeyOnly_RegistersTheV2Client()
    {
        var services = new ServiceCollection();
        var builder = services.AddChineseLlm(Config(
            ("ChineseLlm:Providers:Ernie:ApiKey", "bce-v3/ALTAK-x/y"),
            ("ChineseLlm:Providers:Ernie:AppId", "12345")).GetSection("ChineseLlm"));
        using var provider = services.BuildServiceProvider();

        Assert.Contains("ernie", builder.EnabledProviders);
        var ernie = provider.GetRequiredKeyedService<IChatClient>("ernie");
        Assert.IsType<ErnieChatClient>(ernie);
        var metadata = ernie.GetService<ChatClientMetadata>()!;
        Assert.Equal("ernie", metadata.ProviderName);
        Assert.Equal(new Uri("https://qianfan.baidubce.com/v2"), metadata.ProviderUri);
        Assert.Equal("ernie-x1-turbo-32k", metadata.DefaultModelId);
        Assert.Null(ernie.GetService<ErnieV1Protocol>());
    }

    [Fact]
    public void AddChineseLlm_ApiKeyAndSecretKey_RegistersTheLegacyV1Client()
    {
        var services = new ServiceCollection();
        services.AddChineseLlm(Config(
            ("ChineseLlm:Providers:Ernie:ApiKey", "legacy-ak"),
            ("ChineseLlm:Providers:Ernie:SecretKey", "legacy-sk"),
            ("ChineseLlm:Providers:Ernie:DefaultModel", "ERNIE-4.0-8K")).GetSection("ChineseLlm"));
        using var provider = services.BuildServiceProvider();

        var ernie = provider.GetRequiredKeyedService<IChatClient>("ernie");

        Assert.NotNull(ernie.GetService<ErnieV1Protocol>());
        Assert.Equal(new Uri("https://aip.baidubce.com"), ernie.GetService<ChatClientMetadata>()!.ProviderUri);
        Assert.Equal("ERNIE-4.0-8K", ernie.GetService<ChatClientMetadata>()!.DefaultModelId);
    }

    [Fact]
    public void AddChineseLlm_SecretKeyWithoutApiKey_FailsValidationNamingTheKeys()
    {
        var services = new ServiceCollection();
        services.AddChineseLlm(Config(("ChineseLlm:Providers:Ernie:SecretKey", "legacy-sk")).GetSection("ChineseLlm"));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ChineseLlmOptions>>().Value);

        Assert.Contains(ex.Failures, f => f.StartsWith("ChineseLlm:Providers:Ernie:ApiKey", StringComparison.Ordinal) && f.Contains("SecretKey", StringComparison.Ordinal));
    }

    [Fact]
    public void AddChineseLlm_V2KeyWithSecretKey_FailsValidation()
    {
        var services = new ServiceCollection();
        services.AddChineseLlm(o =>
        {
            o.Providers.Ernie.ApiKey = "bce-v3/ALTAK-x/y";
            o.Providers.Ernie.SecretKey = "sk";
        });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ChineseLlmOptions>>().Value);

        Assert.Contains(ex.Failures, f => f.StartsWith("ChineseLlm:Providers:Ernie:SecretKey is set", StringComparison.Ordinal));
    }
}
