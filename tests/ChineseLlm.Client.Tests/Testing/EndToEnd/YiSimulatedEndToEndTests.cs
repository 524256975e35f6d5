namespace ChineseLlm.Client.Testing.EndToEnd;

public sealed class YiSimulatedEndToEndTests : SimulatedProviderEndToEndTests
{
    protected override string ProviderKey => "yi";

    protected override SimulatedProtocol Protocol => SimulatedProtocol.Yi;

    protected override string Model => "yi-lightning";

    protected override ChineseLlmProviderOptions Select(ChineseLlmOptions options)
    {
        options.Providers.Yi.ApiKey = SecretApiKey;
        return options.Providers.Yi;
    }

    /// <summary>Yi documents no moderation error, so the simulator's rejection is a plain 400 that reads as a bad request.</summary>
    protected override LlmErrorKind ExpectedKind(LlmErrorKind simulated) =>
        simulated == LlmErrorKind.ContentFiltered ? LlmErrorKind.InvalidRequest : simulated;

    /// <summary>Yi's usage has no cache count (docs/protocols/yi.md).</summary>
    protected override void AssertCachedTokens(long expected, Microsoft.Extensions.AI.UsageDetails? usage) =>
        Assert.Null(usage?.CachedInputTokenCount);
}
