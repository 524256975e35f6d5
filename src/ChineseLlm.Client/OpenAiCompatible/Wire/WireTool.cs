namespace ChineseLlm.Client.OpenAiCompatible.Wire;

/// <summary><c>{"type":"function","function":{name, description, parameters}}</c>.</summary>
internal sealed class WireTool
{
    public string Type { get; set; } = "function";

    public required WireFunctionDefinition Function { get; set; }
}
