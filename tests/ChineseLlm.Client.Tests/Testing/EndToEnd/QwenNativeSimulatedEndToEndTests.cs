namespace ChineseLlm.Client.Testing.EndToEnd;

public sealed class QwenNativeSimulatedEndToEndTests : SimulatedProviderEndToEndTests
{
    protected override string ProviderKey => "qwen";

    protected override SimulatedProtocol Protocol => SimulatedProtocol.QwenNative;

    protected override string Model => "qwen-plus";

    protected override ChineseLlmProviderOptions Select(ChineseLlmOptions options)
    {
        options.Providers.Qwen.ApiKey = SecretApiKey;
        options.Providers.Qwen.Protocol = QwenProtocol.Native;
        return options.Providers.Qwen;
    }
}
