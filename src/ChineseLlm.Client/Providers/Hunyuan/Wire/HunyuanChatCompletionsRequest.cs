namespace ChineseLlm.Client.Providers.Hunyuan.Wire;

/// <summary>The body of a native <c>ChatCompletions</c> call (API version 2023-09-01).</summary>
/// <remarks>
/// Quirk (docs/protocols/hunyuan.md; tencentcloud-sdk-python <c>models.py</c>): the native API has no
/// max-tokens parameter, <c>Stop</c> stops <em>after</em> the stop string (OpenAI stops before it), and
/// <c>Messages</c> holds at most 40 entries with the system message first.
/// </remarks>
internal sealed class HunyuanChatCompletionsRequest
{
    /// <summary>Gets or sets the model, such as <c>hunyuan-turbos-latest</c>.</summary>
    public required string Model { get; set; }

    /// <summary>Gets or sets the conversation, oldest first.</summary>
    public required IList<HunyuanMessage> Messages { get; set; }

    /// <summary>Gets or sets whether the answer is streamed as server-sent events.</summary>
    public bool? Stream { get; set; }

    /// <summary>Gets or sets whether a stream is moderated piece by piece (the server default) or as a whole.</summary>
    public bool? StreamModeration { get; set; }

    /// <summary>Gets or sets the nucleus-sampling mass, [0, 1].</summary>
    public float? TopP { get; set; }

    /// <summary>Gets or sets the sampling temperature, [0, 2].</summary>
    public float? Temperature { get; set; }

    /// <summary>Gets or sets whether enhancements such as web search are on (off by default since 2025-04-20).</summary>
    public bool? EnableEnhancement { get; set; }

    /// <summary>Gets or sets the tools the model may call.</summary>
    public IList<HunyuanTool>? Tools { get; set; }

    /// <summary>Gets or sets <c>none</c>, <c>auto</c> or <c>custom</c> (then <see cref="CustomTool"/> names the tool).</summary>
    public string? ToolChoice { get; set; }

    /// <summary>Gets or sets the tool the model must call when <see cref="ToolChoice"/> is <c>custom</c>.</summary>
    public HunyuanTool? CustomTool { get; set; }

    /// <summary>Gets or sets the sampling seed, 1 to 10000.</summary>
    public int? Seed { get; set; }

    /// <summary>Gets or sets strings that end the generation.</summary>
    public IList<string>? Stop { get; set; }

    /// <summary>Gets or sets whether the model thinks before answering (models that support the switch).</summary>
    public bool? EnableThinking { get; set; }

    /// <summary>Gets or sets documented request fields passed through from <c>ChatOptions.AdditionalProperties</c>.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalFields { get; set; }
}
