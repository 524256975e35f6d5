using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChineseLlm.Client.BadInput;

/// <summary>
/// Structure-aware mutations of a JSON document: one node (chosen by its pre-order index) is dropped, duplicated
/// (a repeated property or array element), given the wrong type, replaced by a huge or fractional number, null,
/// deep nesting, an empty container, a huge string or a string with lone surrogates and control characters.
/// </summary>
public static class JsonMutator
{
    private static readonly string[] HugeNumbers =
    [
        "1e400", "-1e400", "99999999999999999999999999999", "-9223372036854775809", "18446744073709551616",
        "2147483648", "-2147483649", "1.5", "-1", "0.0000000000000000000001", "1E+2", "-0",
        "9223372036854775807", "-9223372036854775808", "253402300800", "-62135596801",
    ];

    public enum Kind
    {
        Drop,
        Duplicate,
        WrongType,
        HugeNumber,
        Null,
        DeepNesting,
        EmptyContainer,
        HugeString,
        WeirdString,
    }

    /// <summary>Counts the nodes a mutation can target (every value, the root included).</summary>
    public static int CountNodes(JsonNode? node) => 1 + node switch
    {
        JsonObject o => o.Sum(p => CountNodes(p.Value)),
        JsonArray a => a.Sum(CountNodes),
        _ => 0,
    };

    /// <summary>Writes <paramref name="root"/> with mutation <paramref name="kind"/> applied at node <paramref name="target"/>.</summary>
    public static string Mutate(JsonNode? root, int target, Kind kind, Random random)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = 100_000 }))
        {
            var index = 0;
            Write(writer, root, propertyName: null, ref index, target, kind, random);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node, string? propertyName, ref int index, int target, Kind kind, Random random)
    {
        var isTarget = index == target;
        index++;
        if (isTarget)
        {
            switch (kind)
            {
                case Kind.Drop when propertyName is not null || index > 1:
                    SkipChildren(node, ref index);
                    return; // neither the property nor the element is written
                case Kind.Duplicate:
                    var start = index;
                    WriteUnchanged(writer, node, propertyName, ref index);
                    index = start;
                    WriteUnchanged(writer, node, propertyName, ref index);
                    return;
                case Kind.Drop:
                    break; // the root cannot be dropped: write it unchanged
                default:
                    if (propertyName is not null)
                    {
                        writer.WritePropertyName(propertyName);
                    }

                    writer.WriteRawValue(Replacement(node, kind, random), skipInputValidation: true);
                    SkipChildren(node, ref index);
                    return;
            }
        }

        if (propertyName is not null)
        {
            writer.WritePropertyName(propertyName);
        }

        switch (node)
        {
            case JsonObject o:
                writer.WriteStartObject();
                foreach (var (name, value) in o)
                {
                    Write(writer, value, name, ref index, target, kind, random);
                }

                writer.WriteEndObject();
                break;
            case JsonArray a:
                writer.WriteStartArray();
                foreach (var item in a)
                {
                    Write(writer, item, propertyName: null, ref index, target, kind, random);
                }

                writer.WriteEndArray();
                break;
            case null:
                writer.WriteNullValue();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    private static void WriteUnchanged(Utf8JsonWriter writer, JsonNode? node, string? propertyName, ref int index) =>
        Write(writer, node, propertyName, ref index, target: -1, Kind.Null, Random.Shared);

    private static void SkipChildren(JsonNode? node, ref int index) => index += CountNodes(node) - 1;

    private static string Replacement(JsonNode? node, Kind kind, Random random) => kind switch
    {
        Kind.WrongType => WrongType(node, random),
        Kind.HugeNumber => HugeNumbers[random.Next(HugeNumbers.Length)],
        Kind.Null => "null",
        Kind.DeepNesting => DeepNesting(random),
        Kind.EmptyContainer => random.Next(2) == 0 ? "{}" : "[]",
        Kind.HugeString => "\"" + new string('字', 50_000 + random.Next(50_000)) + "\"",
        Kind.WeirdString => WeirdStrings[random.Next(WeirdStrings.Length)],
        _ => "null",
    };

    private static readonly string[] WeirdStrings =
    [
        "\"\\ud800\"", "\"\\udfff\\ud800x\"", "\"\\u0000\\u0001\\u001f\"", "\"\"", "\"   \"", "\"null\"", "\"[DONE]\"",
        "\"\\\"}]}\"", "\"data: {}\\n\\n\"", "\"\\uFEFF\"", "\"NaN\"", "\"-Infinity\"",
        "\"please try again after 99999999999999999999 seconds\"", "\"try again after 1e400 s\"", "\"(sid: )\"",
    ];

    private static string WrongType(JsonNode? node, Random random)
    {
        string[] options = node switch
        {
            JsonObject => ["[]", "\"object\"", "42", "true"],
            JsonArray => ["{}", "\"array\"", "7", "false"],
            JsonValue v when v.GetValueKind() == JsonValueKind.String => ["123", "{}", "[\"a\"]", "true", "-5.5"],
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => ["\"12\"", "\"abc\"", "{}", "[1]", "true"],
            JsonValue => ["\"true\"", "1", "{}", "[]"],
            _ => ["{}", "[]", "\"x\"", "0"],
        };
        return options[random.Next(options.Length)];
    }

    private static string DeepNesting(Random random)
    {
        var depth = 200 + random.Next(20_000);
        var open = random.Next(2) == 0 ? "[" : "{\"a\":";
        var close = open == "[" ? "]" : "}";
        return string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
    }
}
