namespace ChineseLlm.Client.Providers.Qwen.Wire;

/// <summary><c>{"type":"json_object"}</c> or <c>{"type":"json_schema","json_schema":{…}}</c>.</summary>
internal sealed class QwenResponseFormat
{
    public required string Type { get; set; }

    public QwenJsonSchema? JsonSchema { get; set; }
}
