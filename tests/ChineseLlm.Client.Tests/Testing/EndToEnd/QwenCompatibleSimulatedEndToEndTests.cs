namespace ChineseLlm.Client.Testing.EndToEnd;

public sealed class QwenCompatibleSimulatedEndToEndTests : SimulatedProviderEndToEndTests
{
    protected override string ProviderKey => "qwen";

    protected override SimulatedProtocol Protocol => SimulatedProtocol.QwenCompatible;

    protected override string Model => "qwen-plus";

    protected override ChineseLlmProviderOptions Select(ChineseLlmOptions options)
    {
        options.Providers.Qwen.ApiKey = SecretApiKey;
        options.Providers.Qwen.Protocol = QwenProtocol.OpenAiCompatible;
        return options.Providers.Qwen;
    }
}
