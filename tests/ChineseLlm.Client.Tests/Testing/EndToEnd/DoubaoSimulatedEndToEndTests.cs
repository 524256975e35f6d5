namespace ChineseLlm.Client.Testing.EndToEnd;

public sealed class DoubaoSimulatedEndToEndTests : SimulatedProviderEndToEndTests
{
    protected override string ProviderKey => "doubao";

    protected override SimulatedProtocol Protocol => SimulatedProtocol.Doubao;

    protected override string Model => "doubao-seed-1-6-250615";

    protected override ChineseLlmProviderOptions Select(ChineseLlmOptions options)
    {
        options.Providers.Doubao.ApiKey = SecretApiKey;
        return options.Providers.Doubao;
    }
}
