namespace ChineseLlm.Client;

/// <summary>Options of the MiniMax provider, bound from <c>ChineseLlm:Providers:MiniMax</c>.</summary>
/// <remarks>International accounts use <c>https://api.minimax.io/v1</c>. Default endpoint <c>https://api.minimaxi.com/v1</c>; default model <c>MiniMax-M2.7</c>.</remarks>
public sealed class MiniMaxOptions : ChineseLlmProviderOptions
{
}
