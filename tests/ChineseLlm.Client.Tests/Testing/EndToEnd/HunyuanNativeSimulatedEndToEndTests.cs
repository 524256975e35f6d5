using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Testing.EndToEnd;

public sealed class HunyuanNativeSimulatedEndToEndTests : SimulatedProviderEndToEndTests
{
    protected override string ProviderKey => "hunyuan";

    protected override SimulatedProtocol Protocol => SimulatedProtocol.HunyuanNative;

    protected override string Model => "hunyuan-turbos-latest";

    protected override ChineseLlmProviderOptions Select(ChineseLlmOptions options)
    {
        options.Providers.Hunyuan.SecretId = "AKIDsimulated";
        options.Providers.Hunyuan.SecretKey = SecretApiKey;
        return options.Providers.Hunyuan;
    }

    /// <summary>
    /// Native errors arrive inside HTTP 200 bodies, which the HTTP resilience pipeline does not read (by design: the
    /// adapter classifies them and the router fails over). So a transient error surfaces at once, marked transient.
    /// </summary>
    [Fact]
    public override async Task GetResponseAsync_TransientErrorOnce_IsRetriedAndSucceeds()
    {
        MaxRetryAttempts = 2;
        Simulator.Enqueue(ProviderKey, SimulatedFault.Error(LlmErrorKind.ServerError));

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => Client.GetResponseAsync("你好"));

        Assert.Equal(LlmErrorKind.ServerError, ex.Kind);
        Assert.True(ex.IsTransient);
        Assert.Equal(200, ex.StatusCode);
        Assert.Single(ChatRequests());
    }
}
