namespace ChineseLlm.Client.OpenAiCompatible.Wire;

internal sealed class WireJsonSchema
{
    public required string Name { get; set; }

    public string? Description { get; set; }

    public JsonElement? Schema { get; set; }

    public bool? Strict { get; set; }
}
