using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Testing.EndToEnd;

public sealed class MiniMaxSimulatedEndToEndTests : SimulatedProviderEndToEndTests
{
    protected override string ProviderKey => "minimax";

    protected override SimulatedProtocol Protocol => SimulatedProtocol.MiniMax;

    protected override string Model => "MiniMax-M2.7";

    protected override ChineseLlmProviderOptions Select(ChineseLlmOptions options)
    {
        options.Providers.MiniMax.ApiKey = SecretApiKey;
        return options.Providers.MiniMax;
    }

    /// <summary>MiniMax has no model-not-found code: an unknown model is 2013 invalid params (docs/protocols/minimax.md).</summary>
    protected override LlmErrorKind ExpectedKind(LlmErrorKind simulated) =>
        simulated == LlmErrorKind.ModelNotFound ? LlmErrorKind.InvalidRequest : simulated;

    /// <summary>MiniMax's usage has no cache count (docs/protocols/minimax.md).</summary>
    protected override void AssertCachedTokens(long expected, UsageDetails? usage) =>
        Assert.Null(usage?.CachedInputTokenCount);

    /// <summary>
    /// MiniMax reports every error inside HTTP 200, which the HTTP resilience pipeline does not read (as for Hunyuan native:
    /// the adapter classifies it and the router fails over; only ERNIE v1 retries in-body codes), so a transient error
    /// (1013, "retry later") surfaces at once, marked transient.
    /// </summary>
    [Fact]
    public override async Task GetResponseAsync_TransientErrorOnce_IsRetriedAndSucceeds()
    {
        MaxRetryAttempts = 2;
        Simulator.SetReply(ProviderKey, SimulatedReply.FromText("第二次成功。"));
        Simulator.Enqueue(ProviderKey, SimulatedFault.Error(LlmErrorKind.ServerError));

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => Client.GetResponseAsync("你好"));

        Assert.Equal(LlmErrorKind.ServerError, ex.Kind);
        Assert.True(ex.IsTransient);
        Assert.Equal("1013", ex.ErrorCode);
        Assert.Single(ChatRequests());
    }
}
