namespace ChineseLlm.Client.OpenAiCompatible.Wire;

internal sealed class WireFunctionDefinition
{
    public required string Name { get; set; }

    public string? Description { get; set; }

    public JsonElement? Parameters { get; set; }
}
