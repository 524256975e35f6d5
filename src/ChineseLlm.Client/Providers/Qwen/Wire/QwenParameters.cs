namespace ChineseLlm.Client.Providers.Qwen.Wire;

/// <summary>The <c>parameters</c> object: every generation knob of the native protocol.</summary>
internal sealed class QwenParameters
{
    /// <summary>Quirk (docs/protocols/qwen.md): the default <c>text</c> format has no <c>choices</c>; tools and thinking need <c>message</c>.</summary>
    public string ResultFormat { get; set; } = "message";

    /// <summary>Streams only: each event carries just the new text (docs/protocols/qwen.md).</summary>
    public bool? IncrementalOutput { get; set; }

    public int? MaxTokens { get; set; }

    public float? Temperature { get; set; }

    public float? TopP { get; set; }

    public int? TopK { get; set; }

    public long? Seed { get; set; }

    public float? PresencePenalty { get; set; }

    public List<string>? Stop { get; set; }

    public List<QwenTool>? Tools { get; set; }

    /// <summary><c>"auto"</c>, <c>"none"</c> or <c>{"type":"function","function":{"name":…}}</c>.</summary>
    public JsonElement? ToolChoice { get; set; }

    public bool? ParallelToolCalls { get; set; }

    public bool? EnableThinking { get; set; }

    public QwenResponseFormat? ResponseFormat { get; set; }

    /// <summary>Documented fields passed through from <c>ChatOptions.AdditionalProperties</c>.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalFields { get; set; }
}
