namespace ChineseLlm.Client.OpenAiCompatible.Wire;

/// <summary>Writes <see cref="WireContent"/> as a JSON string or an array of parts; reads both shapes.</summary>
internal sealed class WireContentConverter : JsonConverter<WireContent>
{
    public override WireContent? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return new WireContent(reader.GetString()!);
            case JsonTokenType.StartArray:
                var parts = JsonSerializer.Deserialize(ref reader, OpenAiCompatibleJsonContext.Default.ListWireContentPart);
                return new WireContent(parts ?? []);
            default:
                throw new JsonException($"Unexpected token {reader.TokenType} for message content.");
        }
    }

    public override void Write(Utf8JsonWriter writer, WireContent value, JsonSerializerOptions options)
    {
        if (value.Parts is { } parts)
        {
            JsonSerializer.Serialize(writer, parts, OpenAiCompatibleJsonContext.Default.ListWireContentPart);
        }
        else
        {
            writer.WriteStringValue(value.Text);
        }
    }
}
