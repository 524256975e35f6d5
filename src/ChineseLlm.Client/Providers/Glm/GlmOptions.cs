namespace ChineseLlm.Client;

/// <summary>Options of the Zhipu GLM provider, bound from <c>ChineseLlm:Providers:Glm</c>.</summary>
/// <remarks>
/// Default endpoint <c>https://open.bigmodel.cn/api/paas/v4</c> (use <c>https://api.z.ai/api/paas/v4</c> for the
/// international platform); default model <c>glm-5.1</c>. An <see cref="ChineseLlmProviderOptions.ApiKey"/> of the form
/// <c>id.secret</c> is sent as a short-lived signed JWT; any other key is sent as it is.
/// </remarks>
public sealed class GlmOptions : ChineseLlmProviderOptions
{
}
