namespace ChineseLlm.Client;

/// <summary>Options of the Doubao provider (Volcengine Ark), bound from <c>ChineseLlm:Providers:Doubao</c>.</summary>
/// <remarks>
/// <para>Default endpoint <c>https://ark.cn-beijing.volces.com/api/v3</c>; default model
/// <c>doubao-seed-2-0-lite-260428</c>. <see cref="ChineseLlmProviderOptions.ApiKey"/> is the Ark API key.</para>
/// <para>A model may be named by its model id (<c>doubao-seed-1-6-250615</c>) or by an inference endpoint id
/// (<c>ep-20250504112638-zjqvx</c>), both in <see cref="ChineseLlmProviderOptions.DefaultModel"/> and in
/// <c>ChatOptions.ModelId</c>.</para>
/// </remarks>
public sealed class DoubaoOptions : ChineseLlmProviderOptions
{
}
