namespace ChineseLlm.Client.Testing.EndToEnd;

public sealed class DeepSeekSimulatedEndToEndTests : SimulatedProviderEndToEndTests
{
    protected override string ProviderKey => "deepseek";

    protected override SimulatedProtocol Protocol => SimulatedProtocol.DeepSeek;

    protected override string Model => "deepseek-v4-pro";

    protected override ChineseLlmProviderOptions Select(ChineseLlmOptions options)
    {
        options.Providers.DeepSeek.ApiKey = SecretApiKey;
        return options.Providers.DeepSeek;
    }
}
