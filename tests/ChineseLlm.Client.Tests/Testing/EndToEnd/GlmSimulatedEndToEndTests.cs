namespace ChineseLlm.Client.Testing.EndToEnd;

public sealed class GlmSimulatedEndToEndTests : SimulatedProviderEndToEndTests
{
    protected override string ProviderKey => "glm";

    protected override SimulatedProtocol Protocol => SimulatedProtocol.Glm;

    protected override string Model => "glm-5.1";

    protected override ChineseLlmProviderOptions Select(ChineseLlmOptions options)
    {
        options.Providers.Glm.ApiKey = SecretApiKey;
        return options.Providers.Glm;
    }
}
