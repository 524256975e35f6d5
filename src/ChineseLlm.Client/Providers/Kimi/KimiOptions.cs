namespace ChineseLlm.Client;

/// <summary>Options of the Moonshot Kimi provider, bound from <c>ChineseLlm:Providers:Kimi</c>.</summary>
/// <remarks>
/// Default endpoint <c>https://api.moonshot.cn/v1</c> (mainland accounts; international keys need
/// <c>https://api.moonshot.ai/v1</c>); default model <c>kimi-k2.6</c>.
/// </remarks>
public sealed class KimiOptions : ChineseLlmProviderOptions
{
}
