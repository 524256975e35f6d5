namespace ChineseLlm.Client.Providers.Hunyuan.Wire;

/// <summary>The input-token breakdown.</summary>
internal sealed class HunyuanPromptTokensDetails
{
    /// <summary>Gets or sets the input tokens served from the cache.</summary>
    /// <remarks>Quirk (tencentcloud-sdk-python <c>models.py</c> types it <c>str</c>): accept a number or a numeric string.</remarks>
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public long? CachedTokens { get; set; }
}
