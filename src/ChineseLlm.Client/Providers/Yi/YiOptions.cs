namespace ChineseLlm.Client;

/// <summary>Options of the 01.AI Yi provider, bound from <c>ChineseLlm:Providers:Yi</c>.</summary>
/// <remarks>Default endpoint <c>https://api.lingyiwanwu.com/v1</c>; default model <c>yi-lightning</c>.</remarks>
public sealed class YiOptions : ChineseLlmProviderOptions
{
}
