namespace ChineseLlm.Client.Providers.Qwen.Wire;

internal sealed class QwenFunctionDefinition
{
    public required string Name { get; set; }

    public string? Description { get; set; }

    public JsonElement? Parameters { get; set; }
}
