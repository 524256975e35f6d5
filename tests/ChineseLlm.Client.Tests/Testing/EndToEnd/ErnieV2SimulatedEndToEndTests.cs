namespace ChineseLlm.Client.Testing.EndToEnd;

public sealed class ErnieV2SimulatedEndToEndTests : SimulatedProviderEndToEndTests
{
    protected override string ProviderKey => "ernie";

    protected override SimulatedProtocol Protocol => SimulatedProtocol.ErnieV2;

    protected override string Model => "ernie-4.5-turbo-128k";

    protected override ChineseLlmProviderOptions Select(ChineseLlmOptions options)
    {
        options.Providers.Ernie.ApiKey = "bce-v3/ALTAK-simulated/" + SecretApiKey;
        return options.Providers.Ernie;
    }
}
