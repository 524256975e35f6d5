namespace ChineseLlm.Client.Testing.EndToEnd;

public sealed class StepFunSimulatedEndToEndTests : SimulatedProviderEndToEndTests
{
    protected override string ProviderKey => "stepfun";

    protected override SimulatedProtocol Protocol => SimulatedProtocol.StepFun;

    protected override string Model => "step-3.7-flash";

    protected override ChineseLlmProviderOptions Select(ChineseLlmOptions options)
    {
        options.Providers.StepFun.ApiKey = SecretApiKey;
        return options.Providers.StepFun;
    }

    /// <summary>StepFun documents no moderation error, so the simulator's rejection is a plain 400 that reads as a bad request.</summary>
    protected override LlmErrorKind ExpectedKind(LlmErrorKind simulated) =>
        simulated == LlmErrorKind.ContentFiltered ? LlmErrorKind.InvalidRequest : simulated;
}
