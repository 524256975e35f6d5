namespace ChineseLlm.Client.OpenAiCompatible.Wire;

/// <summary>The OpenAI-style error object. <c>code</c> is a string for most vendors and a number for some.</summary>
/// <remarks>
/// Also read from the string form <c>"error":"…"</c>, which OpenAI-style SDKs treat as an error too (docs/protocols/glm.md,
/// "Streams"); see <see cref="WireErrorConverter"/>.
/// </remarks>
[JsonConverter(typeof(WireErrorConverter))]
internal sealed class WireError
{
    public string? Message { get; set; }

    public string? Type { get; set; }

    public string? Param { get; set; }

    /// <summary>A request id inside the error object (Hunyuan's compatible endpoint).</summary>
    public string? Id { get; set; }

    public JsonElement? Code { get; set; }

    /// <summary>Gets the code as text, whether the vendor sent a string or a number.</summary>
    public string? CodeText => Code is { } c ? JsonElementText.GetStringOrNumber(c) : null;
}
