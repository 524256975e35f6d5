namespace ChineseLlm.Client.Testing.EndToEnd;

public sealed class SparkSimulatedEndToEndTests : SimulatedProviderEndToEndTests
{
    protected override string ProviderKey => "spark";

    protected override SimulatedProtocol Protocol => SimulatedProtocol.Spark;

    protected override string Model => "generalv3.5";

    protected override ChineseLlmProviderOptions Select(ChineseLlmOptions options)
    {
        options.Providers.Spark.ApiKey = SecretApiKey;
        return options.Providers.Spark;
    }

    /// <summary>
    /// Spark has no code for a wrong API password: the password does not open the model family, which is 11200
    /// (docs/protocols/spark.md), a permission error.
    /// </summary>
    protected override LlmErrorKind ExpectedKind(LlmErrorKind simulated) =>
        simulated == LlmErrorKind.Authentication ? LlmErrorKind.PermissionDenied : simulated;

    /// <summary>Spark's usage has no cache count (docs/protocols/spark.md).</summary>
    protected override void AssertCachedTokens(long expected, Microsoft.Extensions.AI.UsageDetails? usage) =>
        Assert.Null(usage?.CachedInputTokenCount);
}
