namespace ChineseLlm.Client.Providers.Qwen.Wire;

internal sealed class QwenJsonSchema
{
    public required string Name { get; set; }

    public string? Description { get; set; }

    public JsonElement? Schema { get; set; }
}
