namespace ChineseLlm.Client.OpenAiCompatible.Wire;

/// <summary><c>{"type":"json_object"}</c> or <c>{"type":"json_schema","json_schema":{…}}</c>.</summary>
internal sealed class WireResponseFormat
{
    public required string Type { get; set; }

    public WireJsonSchema? JsonSchema { get; set; }
}
