namespace ChineseLlm.Client;

/// <summary>Options of the Baichuan provider, bound from <c>ChineseLlm:Providers:Baichuan</c>.</summary>
/// <remarks>Default endpoint <c>https://api.baichuan-ai.com/v1</c>; default model <c>Baichuan4-Turbo</c>.</remarks>
public sealed class BaichuanOptions : ChineseLlmProviderOptions
{
}
