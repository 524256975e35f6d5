using System.Text.Json;

namespace ChineseLlm.Client.Testing.Wire;

/// <summary>Pieces the OpenAI-style writer and DashScope's native messages write the same way.</summary>
internal static class OpenAiShapes
{
    /// <summary>Whole tool calls in a message: <c>{"index"?, "id", "type", "function":{"name","arguments"}}</c>.</summary>
    public static void WriteToolCalls(Utf8JsonWriter w, ReplyContext context, IReadOnlyList<string> ids, bool withIndex)
    {
        w.WriteStartArray("tool_calls");
        for (var i = 0; i < context.Reply.ToolCalls.Count; i++)
        {
            var call = context.Reply.ToolCalls[i];
            w.WriteStartObject();
            if (withIndex)
            {
                w.WriteNumber("index", i);
            }

            w.WriteString("id", ids[i]);
            w.WriteString("type", "function");
            w.WriteStartObject("function");
            w.WriteString("name", call.Name);
            w.WriteString("arguments", call.Arguments);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary><c>{"error":{"message","type"[,"param":null][,"code"]}}</c>.</summary>
    public static byte[] ErrorEnvelope(string message, string type, bool writeParam, string? code) =>
        Json.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteString("message", message);
            w.WriteString("type", type);
            if (writeParam)
            {
                w.WriteNull("param");
            }

            if (code is not null)
            {
                w.WriteString("code", code);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        });
}
