using System.Buffers.Text;
using System.Runtime.InteropServices;

namespace ChineseLlm.Client.OpenAiCompatible.Wire;

/// <summary>
/// Reads a completion's JSON into a <see cref="ChatCompletionResponse"/>, and a stream chunk's into a
/// <see cref="ChatCompletionChunk"/>, with a <see cref="Utf8JsonReader"/>: the hot path of every OpenAI-dialect call.
/// One instance reads one response or one stream.
/// </summary>
/// <remarks>
/// <para>It gives the same objects as <c>JsonSerializer.Deserialize</c> with <see cref="OpenAiCompatibleJsonContext"/>
/// (snake_case names matched case-sensitively, unknown properties skipped, trailing commas allowed, numbers accepted as
/// strings, the last of duplicate properties wins, anything else a <see cref="JsonException"/>), with less work per
/// event: the serializer's nested-object machinery allocates a frame stack for every chunk, and every chunk repeats the
/// stream's <c>id</c> and <c>model</c>, which are read once and reused. Error and tool-call objects are rare and are
/// handed to the source-generated serializer.</para>
/// <para>Fields the wire types do not name go to <c>ExtraFields</c> (their <c>[JsonExtensionData]</c>) exactly as the
/// serializer puts them there. Vendors repeat them in every chunk (<c>object</c>, <c>system_fingerprint</c>, a request
/// id), so a field whose name and raw value equal one seen earlier in the stream reuses that name string and that
/// (immutable) <see cref="JsonElement"/>. A chunk keeps its fields as a list (<see cref="ChatCompletionChunk.ReadExtras"/>),
/// the previous chunk's list when they are the same, and builds its own dictionary only when it is read.</para>
/// </remarks>
internal sealed class ChatCompletionReader : SseDataParser<ChatCompletionChunk>
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 64,
    };

    /// <summary>How many distinct extra fields a stream may keep for reuse.</summary>
    private const int MaxRememberedExtras = 16;

    /// <summary>
    /// The extra fields seen so far in the stream, in the order first seen. Entries are only ever appended (a larger
    /// array when it is full), so a chunk can keep a segment of it as its fields without a copy.
    /// </summary>
    private KeyValuePair<string, JsonElement>[]? _extras;
    private int _extraCount;
    private string? _lastId;
    private string? _lastModel;

    /// <summary>Reads one stream chunk.</summary>
    /// <param name="json">The event's data: one JSON value.</param>
    /// <returns>The chunk, or <see langword="null"/> for JSON <c>null</c>.</returns>
    /// <exception cref="JsonException">The data is not valid JSON or not a chunk's shape.</exception>
    public ChatCompletionChunk? ReadChunk(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        try
        {
            var chunk = StartRoot(ref reader, nameof(ChatCompletionChunk)) ? ReadChunkObject(ref reader, json) : null;
            EndRoot(ref reader);
            return chunk;
        }
        catch (InvalidOperationException ex)
        {
            // The reader's own type and encoding errors (a string read as a number, invalid UTF-8), as the serializer reports them.
            throw new JsonException(ex.Message, ex);
        }
    }

    /// <inheritdoc />
    public override ChatCompletionChunk? Parse(ReadOnlySpan<byte> data) => ReadChunk(data);

    /// <summary>Reads a whole (non-stream) completion.</summary>
    /// <param name="json">The response body: one JSON value.</param>
    /// <returns>The completion, or <see langword="null"/> for JSON <c>null</c>.</returns>
    /// <exception cref="JsonException">The body is not valid JSON or not a completion's shape.</exception>
    public ChatCompletionResponse? ReadResponse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        try
        {
            var response = StartRoot(ref reader, nameof(ChatCompletionResponse)) ? ReadResponseObject(ref reader, json) : null;
            EndRoot(ref reader);
            return response;
        }
        catch (InvalidOperationException ex)
        {
            throw new JsonException(ex.Message, ex);
        }
    }

    /// <summary>Reads the root token: <see langword="true"/> for an object, <see langword="false"/> for <c>null</c>.</summary>
    private static bool StartRoot(ref Utf8JsonReader reader, string type)
    {
        if (!reader.Read())
        {
            throw new JsonException("The input does not contain any JSON tokens.");
        }

        return reader.TokenType switch
        {
            JsonTokenType.Null => false,
            JsonTokenType.StartObject => true,
            _ => throw Unexpected(ref reader, type),
        };
    }

    /// <summary>Anything but whitespace after the root value makes the reader throw.</summary>
    private static void EndRoot(ref Utf8JsonReader reader)
    {
        while (reader.Read())
        {
        }
    }

    private ChatCompletionResponse ReadResponseObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        var response = new ChatCompletionResponse();
        while (ReadProperty(ref reader))
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                response.Id = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("object"u8))
            {
                reader.Read();
                response.Object = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("created"u8))
            {
                reader.Read();
                response.Created = ReadNullableInt64(ref reader);
            }
            else if (reader.ValueTextEquals("model"u8))
            {
                reader.Read();
                response.Model = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("system_fingerprint"u8))
            {
                reader.Read();
                response.SystemFingerprint = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("choices"u8))
            {
                reader.Read();
                response.Choices = ReadResponseChoices(ref reader, json);
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                response.Usage = ReadUsage(ref reader);
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                response.Error = ReadError(ref reader);
            }
            else
            {
                var (name, value, _) = ReadExtra(ref reader, json);
                (response.ExtraFields ??= [])[name] = value;
            }
        }

        return response;
    }

    private List<WireChoice>? ReadResponseChoices(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Unexpected(ref reader, "choices");
        }

        var choices = new List<WireChoice>(1);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            choices.Add(reader.TokenType switch
            {
                JsonTokenType.Null => null!,
                JsonTokenType.StartObject => ReadResponseChoice(ref reader, json),
                _ => throw Unexpected(ref reader, nameof(WireChoice)),
            });
        }

        return choices;
    }

    private WireChoice ReadResponseChoice(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        var choice = new WireChoice();
        while (ReadProperty(ref reader))
        {
            if (reader.ValueTextEquals("index"u8))
            {
                reader.Read();
                choice.Index = ReadInt32(ref reader);
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                choice.Message = ReadMessage(ref reader, json, "message");
            }
            else if (reader.ValueTextEquals("finish_reason"u8))
            {
                reader.Read();
                choice.FinishReason = ReadString(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return choice;
    }

    private ChatCompletionChunk ReadChunkObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        var chunk = new ChatCompletionChunk();

        // A chunk's extra fields are usually the stream's first remembered ones in order (the same every chunk): then
        // they are a segment of the remembered array. Only a chunk that departs from that gets a list of its own.
        var rememberedPrefix = 0;
        List<KeyValuePair<string, JsonElement>>? ownExtras = null;
        while (ReadProperty(ref reader))
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                chunk.Id = ReadRepeatedString(ref reader, ref _lastId);
            }
            else if (reader.ValueTextEquals("created"u8))
            {
                reader.Read();
                chunk.Created = ReadNullableInt64(ref reader);
            }
            else if (reader.ValueTextEquals("model"u8))
            {
                reader.Read();
                chunk.Model = ReadRepeatedString(ref reader, ref _lastModel);
            }
            else if (reader.ValueTextEquals("choices"u8))
            {
                reader.Read();
                chunk.Choices = ReadChunkChoices(ref reader, json);
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                chunk.Usage = ReadUsage(ref reader);
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                chunk.Error = ReadError(ref reader);
            }
            else
            {
                var (name, value, index) = ReadExtra(ref reader, json);
                if (ownExtras is null && index == rememberedPrefix)
                {
                    rememberedPrefix++;
                }
                else
                {
                    ownExtras ??= [.. _extras.AsSpan(0, rememberedPrefix)];
                    ownExtras.Add(new(name, value));
                }
            }
        }

        if (ownExtras is not null)
        {
            chunk.ReadExtras = new ArraySegment<KeyValuePair<string, JsonElement>>([.. ownExtras]);
        }
        else if (rememberedPrefix > 0)
        {
            chunk.ReadExtras = new ArraySegment<KeyValuePair<string, JsonElement>>(_extras!, 0, rememberedPrefix);
        }

        return chunk;
    }

    /// <summary>
    /// Reads an <c>error</c> member: the usual object, or the string form (<c>"error":"…"</c>) that OpenAI-style SDKs also
    /// treat as a failed stream (docs/protocols/glm.md, "Streams"); <c>null</c>, <c>false</c>, <c>""</c> and other falsy
    /// values are no error, as in those SDKs.
    /// </summary>
    private static WireError? ReadError(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                return JsonSerializer.Deserialize(ref reader, OpenAiCompatibleJsonContext.Default.WireError);
            case JsonTokenType.String:
                var text = reader.GetString();
                return string.IsNullOrEmpty(text) ? null : new WireError { Message = text };
            case JsonTokenType.StartArray:
                reader.Skip();
                return new WireError { Message = "an error occurred during streaming" };
            case JsonTokenType.True:
                return new WireError { Message = "an error occurred during streaming" };
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var n) && n == 0 ? null : new WireError { Message = "an error occurred during streaming" };
            default:
                return null;
        }
    }

    private List<WireChunkChoice>? ReadChunkChoices(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Unexpected(ref reader, "choices");
        }

        // Streams send one choice per chunk.
        var choices = new List<WireChunkChoice>(1);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            choices.Add(reader.TokenType switch
            {
                JsonTokenType.Null => null!,
                JsonTokenType.StartObject => ReadChunkChoice(ref reader, json),
                _ => throw Unexpected(ref reader, nameof(WireChunkChoice)),
            });
        }

        return choices;
    }

    private WireChunkChoice ReadChunkChoice(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        var choice = new WireChunkChoice();
        while (ReadProperty(ref reader))
        {
            if (reader.ValueTextEquals("index"u8))
            {
                reader.Read();
                choice.Index = ReadInt32(ref reader);
            }
            else if (reader.ValueTextEquals("delta"u8))
            {
                reader.Read();
                choice.Delta = ReadMessage(ref reader, json, "delta");
            }
            else if (reader.ValueTextEquals("finish_reason"u8))
            {
                reader.Read();
                choice.FinishReason = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                choice.Usage = ReadUsage(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return choice;
    }

    /// <summary>Reads a response's <c>message</c> or a chunk's <c>delta</c>.</summary>
    private WireResponseMessage? ReadMessage(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, string property)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Unexpected(ref reader, property);
        }

        var message = new WireResponseMessage();
        while (ReadProperty(ref reader))
        {
            if (reader.ValueTextEquals("content"u8))
            {
                reader.Read();
                message.Content = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("reasoning_content"u8))
            {
                reader.Read();
                message.ReasoningContent = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("role"u8))
            {
                reader.Read();
                message.Role = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("refusal"u8))
            {
                reader.Read();
                message.Refusal = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("tool_calls"u8))
            {
                reader.Read();
                message.ToolCalls = JsonSerializer.Deserialize(ref reader, OpenAiCompatibleJsonContext.Default.ListWireToolCall);
            }
            else
            {
                var (name, value, _) = ReadExtra(ref reader, json);
                (message.ExtraFields ??= [])[name] = value;
            }
        }

        return message;
    }

    /// <summary>
    /// Reads an unnamed field (the reader is on its name) as the serializer's extension data would hold it, with its
    /// index among the remembered fields (-1 when the stream already remembers as many as it keeps).
    /// </summary>
    private (string Name, JsonElement Value, int Index) ReadExtra(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        var nameReader = reader;
        reader.Read();
        var start = (int)reader.TokenStartIndex;
        var end = reader;
        end.Skip();
        var raw = json[start..(int)end.BytesConsumed];

        for (var i = 0; i < _extraCount; i++)
        {
            var extra = _extras![i];
            if (raw.SequenceEqual(JsonMarshal.GetRawUtf8Value(extra.Value)) && nameReader.ValueTextEquals(extra.Key))
            {
                reader = end;
                return (extra.Key, extra.Value, i);
            }
        }

        var name = nameReader.GetString()!;
        var value = JsonElement.ParseValue(ref reader);
        if (_extraCount == MaxRememberedExtras)
        {
            return (name, value, -1);
        }

        if (_extras is null || _extraCount == _extras.Length)
        {
            // A new array, never a resize in place: the chunks already read keep segments of the old one.
            var larger = new KeyValuePair<string, JsonElement>[Math.Min(MaxRememberedExtras, Math.Max(4, _extraCount * 2))];
            _extras?.AsSpan(0, _extraCount).CopyTo(larger);
            _extras = larger;
        }

        _extras[_extraCount] = new(name, value);
        return (name, value, _extraCount++);
    }

    private static WireUsage? ReadUsage(ref Utf8JsonReader reader)
    {
        if (!StartObject(ref reader, nameof(WireUsage)))
        {
            return null;
        }

        var usage = new WireUsage();
        while (ReadProperty(ref reader))
        {
            if (reader.ValueTextEquals("prompt_tokens"u8))
            {
                reader.Read();
                usage.PromptTokens = ReadNullableInt32(ref reader);
            }
            else if (reader.ValueTextEquals("completion_tokens"u8))
            {
                reader.Read();
                usage.CompletionTokens = ReadNullableInt32(ref reader);
            }
            else if (reader.ValueTextEquals("total_tokens"u8))
            {
                reader.Read();
                usage.TotalTokens = ReadNullableInt32(ref reader);
            }
            else if (reader.ValueTextEquals("prompt_tokens_details"u8))
            {
                reader.Read();
                usage.PromptTokensDetails = ReadPromptTokensDetails(ref reader);
            }
            else if (reader.ValueTextEquals("completion_tokens_details"u8))
            {
                reader.Read();
                usage.CompletionTokensDetails = ReadCompletionTokensDetails(ref reader);
            }
            else if (reader.ValueTextEquals("cached_tokens"u8))
            {
                reader.Read();
                usage.CachedTokens = ReadNullableInt32(ref reader);
            }
            else if (reader.ValueTextEquals("prompt_cache_hit_tokens"u8))
            {
                reader.Read();
                usage.PromptCacheHitTokens = ReadNullableInt32(ref reader);
            }
            else if (reader.ValueTextEquals("prompt_cache_miss_tokens"u8))
            {
                reader.Read();
                usage.PromptCacheMissTokens = ReadNullableInt32(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return usage;
    }

    private static WirePromptTokensDetails? ReadPromptTokensDetails(ref Utf8JsonReader reader)
    {
        if (!StartObject(ref reader, nameof(WirePromptTokensDetails)))
        {
            return null;
        }

        var details = new WirePromptTokensDetails();
        while (ReadProperty(ref reader))
        {
            var isCachedTokens = reader.ValueTextEquals("cached_tokens"u8);
            reader.Read();
            if (isCachedTokens)
            {
                details.CachedTokens = ReadNullableInt32(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return details;
    }

    private static WireCompletionTokensDetails? ReadCompletionTokensDetails(ref Utf8JsonReader reader)
    {
        if (!StartObject(ref reader, nameof(WireCompletionTokensDetails)))
        {
            return null;
        }

        var details = new WireCompletionTokensDetails();
        while (ReadProperty(ref reader))
        {
            var isReasoningTokens = reader.ValueTextEquals("reasoning_tokens"u8);
            reader.Read();
            if (isReasoningTokens)
            {
                details.ReasoningTokens = ReadNullableInt32(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return details;
    }

    /// <summary>On an object's start: <see langword="true"/>; on <c>null</c>: <see langword="false"/>; otherwise a <see cref="JsonException"/>.</summary>
    private static bool StartObject(ref Utf8JsonReader reader, string type) => reader.TokenType switch
    {
        JsonTokenType.Null => false,
        JsonTokenType.StartObject => true,
        _ => throw Unexpected(ref reader, type),
    };

    /// <summary>Moves to the next property name of the current object; <see langword="false"/> at its end.</summary>
    private static bool ReadProperty(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.PropertyName;
    }

    private static string? ReadString(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        _ => throw Unexpected(ref reader, "string"),
    };

    /// <summary>Reads a string that usually repeats the previous chunk's value, reusing that string when it does.</summary>
    private static string? ReadRepeatedString(ref Utf8JsonReader reader, ref string? last)
    {
        if (reader.TokenType == JsonTokenType.String && last is not null && reader.ValueTextEquals(last))
        {
            return last;
        }

        var value = ReadString(ref reader);
        if (value is not null)
        {
            last = value;
        }

        return value;
    }

    private static long? ReadNullableInt64(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetInt64(out var number):
                return number;
            case JsonTokenType.String when TryParseQuoted(ref reader, out long quoted):
                return quoted;
            default:
                throw Unexpected(ref reader, "Int64");
        }
    }

    private static int? ReadNullableInt32(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Null ? null : ReadInt32(ref reader);

    private static int ReadInt32(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetInt32(out var number):
                return number;
            case JsonTokenType.String when TryParseQuoted(ref reader, out long quoted) && quoted is >= int.MinValue and <= int.MaxValue:
                return (int)quoted;
            default:
                throw Unexpected(ref reader, "Int32");
        }
    }

    /// <summary>A number written as a string (<see cref="System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString"/>): the whole string must be the number.</summary>
    private static bool TryParseQuoted(ref Utf8JsonReader reader, out long value)
    {
        if (reader.HasValueSequence || reader.ValueIsEscaped)
        {
            var text = reader.GetString();
            return long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out value);
        }

        return Utf8Parser.TryParse(reader.ValueSpan, out value, out var consumed) && consumed == reader.ValueSpan.Length;
    }

    private static JsonException Unexpected(ref Utf8JsonReader reader, string expected) =>
        new($"The JSON value {reader.TokenType} could not be converted to {expected} (at byte {reader.TokenStartIndex}).");
}
