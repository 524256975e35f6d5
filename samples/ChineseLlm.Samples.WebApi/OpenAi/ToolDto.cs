namespace ChineseLlm.Samples.WebApi.OpenAi;

/// <summary>A tool the model may call: <c>{"type":"function","function":{…}}</c>.</summary>
public sealed class ToolDto
{
    public string? Type { get; set; }

    public FunctionDefinitionDto? Function { get; set; }
}
