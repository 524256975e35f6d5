using System.Text.Json;

namespace ChineseLlm.Samples.WebApi.OpenAi;

/// <summary>A named JSON schema for structured output.</summary>
public sealed class JsonSchemaDto
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public JsonElement? Schema { get; set; }

    public bool? Strict { get; set; }
}
