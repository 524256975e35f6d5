namespace ChineseLlm.Client;

/// <summary>Options of the iFlytek Spark provider, bound from <c>ChineseLlm:Providers:Spark</c>.</summary>
/// <remarks>Set <see cref="ChineseLlmProviderOptions.ApiKey"/> to the APIPassword of the model family (each family has its own). Default endpoint <c>https://spark-api-open.xf-yun.com/v1</c>; default model <c>generalv3.5</c>.</remarks>
public sealed class SparkOptions : ChineseLlmProviderOptions
{
}
