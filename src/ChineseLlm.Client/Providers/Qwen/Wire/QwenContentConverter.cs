namespace ChineseLlm.Client.Providers.Qwen.Wire;

/// <summary>Reads and writes <see cref="QwenContent"/> as a JSON string or an array of parts.</summary>
internal sealed class QwenContentConverter : JsonConverter<QwenContent>
{
    public override QwenContent? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return new QwenContent(reader.GetString()!);
            case JsonTokenType.StartArray:
                var parts = JsonSerializer.Deserialize(ref reader, QwenJsonContext.Default.ListQwenContentPart);
                return new QwenContent(parts ?? []);
            default:
                throw new JsonException($"Unexpected token {reader.TokenType} for message content.");
        }
    }

    public override void Write(Utf8JsonWriter writer, QwenContent value, JsonSerializerOptions options)
    {
        if (value.Parts is { } parts)
        {
            JsonSerializer.Serialize(writer, parts, QwenJsonContext.Default.ListQwenContentPart);
        }
        else
        {
            writer.WriteStringValue(value.Text);
        }
    }
}
