namespace ChineseLlm.Samples.WebApi.OpenAi;

/// <summary><c>{"type":"text"|"json_object"|"json_schema","json_schema":{…}}</c>.</summary>
public sealed class ResponseFormatDto
{
    public string? Type { get; set; }

    public JsonSchemaDto? JsonSchema { get; set; }
}
