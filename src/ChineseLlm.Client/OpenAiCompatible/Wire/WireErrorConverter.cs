namespace ChineseLlm.Client.OpenAiCompatible.Wire;

/// <summary>
/// Reads an <c>error</c> member the way the OpenAI-style SDKs judge it (docs/protocols/glm.md, "Streams"): an object is
/// the error object; a non-empty string is an error whose message is that string; <c>null</c>, <c>false</c>,
/// <c>""</c> and <c>0</c> are no error; any other value is an error without a message of its own.
/// </summary>
internal sealed class WireErrorConverter : JsonConverter<WireError>
{
    private const string NoMessage = "an error occurred during streaming";

    /// <summary>Gets a value indicating that <c>null</c> reaches <see cref="Read"/> (it is no error).</summary>
    public override bool HandleNull => false;

    public override WireError? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                return ReadObject(ref reader);
            case JsonTokenType.String:
                var text = reader.GetString();
                return string.IsNullOrEmpty(text) ? null : new WireError { Message = text };
            case JsonTokenType.False:
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                return reader.TryGetDouble(out var n) && n == 0 ? null : new WireError { Message = NoMessage };
            case JsonTokenType.StartArray:
                var empty = true;
                var depth = reader.CurrentDepth;
                while (reader.Read() && !(reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == depth))
                {
                    empty = false;
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        reader.Skip();
                    }
                }

                return empty ? null : new WireError { Message = NoMessage };
            default:
                return new WireError { Message = NoMessage };
        }
    }

    public override void Write(Utf8JsonWriter writer, WireError value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        WriteString(writer, "message", value.Message);
        WriteString(writer, "type", value.Type);
        WriteString(writer, "param", value.Param);
        WriteString(writer, "id", value.Id);
        if (value.Code is { } code)
        {
            writer.WritePropertyName("code");
            code.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    private static WireError ReadObject(ref Utf8JsonReader reader)
    {
        var error = new WireError();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                throw new JsonException("expected a property name in the error object.");
            }

            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "message":
                    error.Message = ReadText(ref reader);
                    break;
                case "type":
                    error.Type = ReadText(ref reader);
                    break;
                case "param":
                    error.Param = ReadText(ref reader);
                    break;
                case "id":
                    error.Id = ReadText(ref reader);
                    break;
                case "code":
                    error.Code = reader.TokenType == JsonTokenType.Null ? null : JsonElement.ParseValue(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return error;
    }

    /// <summary>A string member; a number or other value is kept as its JSON text rather than failing the whole error.</summary>
    private static string? ReadText(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Null:
                return null;
            default:
                using (var document = JsonDocument.ParseValue(ref reader))
                {
                    return document.RootElement.GetRawText();
                }
        }
    }

    private static void WriteString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
