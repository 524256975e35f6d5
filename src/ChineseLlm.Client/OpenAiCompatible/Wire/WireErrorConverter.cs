using System.Text.Json;
using System.Text.Json.Serialization;
using ChineseLlm.Client.Http;

namespace ChineseLlm.Client.OpenAiCompatible.Wire;

/// <summary>
/// Reads the <c>error</c> member in both forms the official SDKs accept: the OpenAI-style object, and a bare string,
/// which openai-python and volcenginesdkarkruntime raise as an API error with that text (docs/protocols/doubao.md,
/// "Streams"). A string becomes the error's message; a member of an unexpected type is ignored rather than failing
/// the whole body.
/// </summary>
internal sealed class WireErrorConverter : JsonConverter<WireError>
{
    public override WireError? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                using (var text = JsonDocument.ParseValue(ref reader))
                {
                    return JsonElementText.GetString(text.RootElement) is { Length: > 0 } message ? new WireError { Message = message } : null;
                }

            case JsonTokenType.StartObject:
                break;
            default:
                reader.Skip(); // true, a number, an array: not an error object the SDKs would read
                return null;
        }

        using var doc = JsonDocument.ParseValue(ref reader);
        var error = new WireError();
        foreach (var property in doc.RootElement.EnumerateObject())
        {
            switch (property.Name)
            {
                case "message":
                    error.Message = JsonElementText.GetStringOrNumber(property.Value);
                    break;
                case "type":
                    error.Type = JsonElementText.GetStringOrNumber(property.Value);
                    break;
                case "param":
                    error.Param = JsonElementText.GetStringOrNumber(property.Value);
                    break;
                case "id":
                    error.Id = JsonElementText.GetStringOrNumber(property.Value);
                    break;
                case "code" when property.Value.ValueKind is not JsonValueKind.Null:
                    error.Code = property.Value.Clone();
                    break;
            }
        }

        return error;
    }

    public override void Write(Utf8JsonWriter writer, WireError value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        WriteIfSet(writer, "message", value.Message);
        WriteIfSet(writer, "type", value.Type);
        WriteIfSet(writer, "param", value.Param);
        WriteIfSet(writer, "id", value.Id);
        if (value.Code is { } code)
        {
            writer.WritePropertyName("code");
            code.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
