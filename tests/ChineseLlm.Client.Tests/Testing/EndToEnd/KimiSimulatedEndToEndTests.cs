namespace ChineseLlm.Client.Testing.EndToEnd;

public sealed class KimiSimulatedEndToEndTests : SimulatedProviderEndToEndTests
{
    protected override string ProviderKey => "kimi";

    protected override SimulatedProtocol Protocol => SimulatedProtocol.Kimi;

    protected override string Model => "kimi-k2.6";

    protected override ChineseLlmProviderOptions Select(ChineseLlmOptions options)
    {
        options.Providers.Kimi.ApiKey = SecretApiKey;
        return options.Providers.Kimi;
    }
}
