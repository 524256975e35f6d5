namespace ChineseLlm.Client.Providers.Qwen.Wire;

/// <summary>The body of <c>POST {endpoint}/services/aigc/{text|multimodal}-generation/generation</c>.</summary>
/// <remarks>Quirk (docs/protocols/qwen.md): messages must sit inside <c>input</c> and every knob inside <c>parameters</c>.</remarks>
internal sealed class QwenGenerationRequest
{
    public required string Model { get; set; }

    public required QwenInput Input { get; set; }

    public required QwenParameters Parameters { get; set; }

    /// <summary>Gets or sets a value indicating whether the request goes to multimodal-generation (not serialized).</summary>
    [JsonIgnore]
    public bool UsesMultimodalEndpoint { get; set; }
}
