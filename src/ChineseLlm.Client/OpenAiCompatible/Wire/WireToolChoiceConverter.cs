namespace ChineseLlm.Client.OpenAiCompatible.Wire;

/// <summary>Writes the tool choice in the OpenAI shape (and reads it back, for tests and the simulator).</summary>
internal sealed class WireToolChoiceConverter : JsonConverter<WireToolChoice>
{
    public override WireToolChoice? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString() switch
            {
                "none" => WireToolChoice.None,
                "required" => WireToolChoice.Required,
                _ => WireToolChoice.Auto,
            };
        }

        using var doc = JsonDocument.ParseValue(ref reader);
        return doc.RootElement.TryGetProperty("function", out var f) && f.TryGetProperty("name", out var n) && n.GetString() is { } name
            ? WireToolChoice.Function(name)
            : WireToolChoice.Auto;
    }

    public override void Write(Utf8JsonWriter writer, WireToolChoice value, JsonSerializerOptions options)
    {
        if (value.FunctionName is { } name)
        {
            writer.WriteStartObject();
            writer.WriteString("type", "function");
            writer.WriteStartObject("function");
            writer.WriteString("name", name);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteStringValue(value.Mode);
        }
    }
}
