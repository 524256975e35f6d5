namespace ChineseLlm.Client.Testing.EndToEnd;

public sealed class BaichuanSimulatedEndToEndTests : SimulatedProviderEndToEndTests
{
    protected override string ProviderKey => "baichuan";

    protected override SimulatedProtocol Protocol => SimulatedProtocol.Baichuan;

    protected override string Model => "Baichuan4-Turbo";

    protected override ChineseLlmProviderOptions Select(ChineseLlmOptions options)
    {
        options.Providers.Baichuan.ApiKey = SecretApiKey;
        return options.Providers.Baichuan;
    }

    /// <summary>Baichuan's usage has no cache count (docs/protocols/baichuan.md).</summary>
    protected override void AssertCachedTokens(long expected, Microsoft.Extensions.AI.UsageDetails? usage) =>
        Assert.Null(usage?.CachedInputTokenCount);
}
