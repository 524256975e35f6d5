using System.Text.Json;

namespace ChineseLlm.Samples.WebApi.OpenAi;

/// <summary>A function declaration: name, description and JSON schema of its parameters.</summary>
public sealed class FunctionDefinitionDto
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public JsonElement? Parameters { get; set; }

    public bool? Strict { get; set; }
}
