using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Testing.EndToEnd;

public sealed class PanguSimulatedEndToEndTests : SimulatedProviderEndToEndTests
{
    protected override string ProviderKey => "pangu";

    protected override SimulatedProtocol Protocol => SimulatedProtocol.Pangu;

    protected override string Model => "pangu-nlp-n2-128k";

    protected override ChineseLlmProviderOptions Select(ChineseLlmOptions options)
    {
        options.Providers.Pangu.ApiKey = SecretApiKey;
        options.Providers.Pangu.Endpoint = new Uri("https://pangu.cn-southwest-2.myhuaweicloud.com/api/v2");
        return options.Providers.Pangu;
    }

    /// <summary>
    /// Pangu documents no quota, moderation or model-not-found code (docs/protocols/pangu.md): the simulator sends the API
    /// permission codes for the first and last, and "parameter illegal" for a moderation rejection.
    /// </summary>
    protected override LlmErrorKind ExpectedKind(LlmErrorKind simulated) => simulated switch
    {
        LlmErrorKind.QuotaExceeded or LlmErrorKind.ModelNotFound => LlmErrorKind.PermissionDenied,
        LlmErrorKind.ContentFiltered => LlmErrorKind.InvalidRequest,
        _ => simulated,
    };

    /// <summary>Pangu's usage has no cache count (docs/protocols/pangu.md).</summary>
    protected override void AssertCachedTokens(long expected, UsageDetails? usage) =>
        Assert.Null(usage?.CachedInputTokenCount);
}
