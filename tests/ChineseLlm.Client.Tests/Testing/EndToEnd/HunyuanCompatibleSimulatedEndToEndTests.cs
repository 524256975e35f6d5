namespace ChineseLlm.Client.Testing.EndToEnd;

public sealed class HunyuanCompatibleSimulatedEndToEndTests : SimulatedProviderEndToEndTests
{
    protected override string ProviderKey => "hunyuan";

    protected override SimulatedProtocol Protocol => SimulatedProtocol.HunyuanCompatible;

    protected override string Model => "hunyuan-turbos-latest";

    protected override ChineseLlmProviderOptions Select(ChineseLlmOptions options)
    {
        options.Providers.Hunyuan.ApiKey = SecretApiKey;
        return options.Providers.Hunyuan;
    }

    /// <summary>
    /// The compatible endpoint documents only its 401 and 400 bodies; the simulator sends the other kinds with the native
    /// codes under a fitting HTTP status, and a moderation rejection is a 400 that only its text tells from a bad request.
    /// </summary>
    protected override LlmErrorKind ExpectedKind(LlmErrorKind simulated) =>
        simulated == LlmErrorKind.ContentFiltered ? LlmErrorKind.InvalidRequest : simulated;

    /// <summary>The compatible endpoint's usage has no cache count.</summary>
    protected override void AssertCachedTokens(long expected, Microsoft.Extensions.AI.UsageDetails? usage) =>
        Assert.Null(usage?.CachedInputTokenCount);
}
