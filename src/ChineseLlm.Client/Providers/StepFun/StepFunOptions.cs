namespace ChineseLlm.Client;

/// <summary>Options of the StepFun (阶跃星辰) provider, bound from <c>ChineseLlm:Providers:StepFun</c>.</summary>
/// <remarks>
/// Default endpoint <c>https://api.stepfun.com/v1</c> (the international platform is <c>https://api.stepfun.ai/v1</c>);
/// default model <c>step-3.7-flash</c>. The client is the keyed <see cref="Microsoft.Extensions.AI.IChatClient"/>
/// <c>stepfun</c> registered by <c>AddChineseLlm</c>.
/// </remarks>
public sealed class StepFunOptions : ChineseLlmProviderOptions
{
}
