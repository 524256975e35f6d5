namespace ChineseLlm.Client.Providers.Hunyuan.Wire;

/// <summary>The <c>{"Response":{…}}</c> envelope of every non-stream API 3.0 answer, success or error.</summary>
internal sealed class HunyuanResponseEnvelope
{
    /// <summary>Gets or sets the answer.</summary>
    public HunyuanChatCompletionsResponse? Response { get; set; }
}
