namespace ChineseLlm.Client;

/// <summary>
/// What a chat model can do beyond plain text chat.
/// </summary>
/// <remarks>
/// <para>In configuration and in the embedded catalog a model's capabilities are written as an array of these names,
/// one per element: <c>ChineseLlm:Models:0:Capabilities:0 = Tools</c>, <c>…:Capabilities:1 = Vision</c>, or in JSON
/// <c>"Capabilities": [ "Tools", "Vision" ]</c>. <see cref="ModelCard.Capabilities"/> keeps the names (so a misspelt
/// name is reported with its configuration key) and <see cref="ModelCard.CapabilityFlags"/> combines them into one value.</para>
/// </remarks>
[Flags]
public enum ModelCapabilities
{
    /// <summary>No capability beyond text chat.</summary>
    None = 0,

    /// <summary>The model accepts tool (function) definitions and can ask for tool calls.</summary>
    Tools = 1,

    /// <summary>The model accepts images as input.</summary>
    Vision = 2,

    /// <summary>The model can reason (think) before answering; reasoning tokens are billed as output.</summary>
    Reasoning = 4,

    /// <summary>The model can be asked for JSON output (a JSON mode or a response schema).</summary>
    Json = 8,
}
