namespace ChineseLlm.Client.Providers.Qwen.Wire;

/// <summary><c>{"type":"function","function":{name, description, parameters}}</c>.</summary>
internal sealed class QwenTool
{
    public string Type { get; set; } = "function";

    public required QwenFunctionDefinition Function { get; set; }
}
