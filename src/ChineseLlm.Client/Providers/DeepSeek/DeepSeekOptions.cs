namespace ChineseLlm.Client;

/// <summary>Options of the DeepSeek provider, bound from <c>ChineseLlm:Providers:DeepSeek</c>.</summary>
/// <remarks>Default endpoint <c>https://api.deepseek.com</c>; default model <c>deepseek-flash</c>.</remarks>
public sealed class DeepSeekOptions : ChineseLlmProviderOptions
{
}
