using System.Text.Json;

namespace ChineseLlm.Client.Testing.Wire;

/// <summary>
/// Pieces several protocols write the same way: tool calls (snake_case in the OpenAI style and DashScope native, PascalCase
/// in Tencent Cloud API 3.0) and the OpenAI error envelope.
/// </summary>
internal static class SharedShapes
{
    /// <summary>A whole assistant message as DashScope native and Tencent Cloud API 3.0 send it: role, content, reasoning when there is any, and the tool calls with their index.</summary>
    public static void WriteMessage(Utf8JsonWriter w, ReplyContext context, IReadOnlyList<string> toolIds, MessageSpelling names)
    {
        w.WriteStartObject(names.Message);
        w.WriteString(names.Role, "assistant");
        w.WriteString(names.Content, context.Reply.Text);
        if (context.HasReasoning)
        {
            w.WriteString(names.ReasoningContent, context.Reply.Reasoning);
        }

        if (context.HasToolCalls)
        {
            WriteToolCalls(w, context, toolIds, withIndex: true, names);
        }

        w.WriteEndObject();
    }

    /// <summary>Whole tool calls in a message: <c>{"index"?, "id", "type", "function":{"name","arguments"}}</c> each.</summary>
    public static void WriteToolCalls(Utf8JsonWriter w, ReplyContext context, IReadOnlyList<string> ids, bool withIndex, MessageSpelling names)
    {
        w.WriteStartArray(names.ToolCalls);
        for (var i = 0; i < context.Reply.ToolCalls.Count; i++)
        {
            var call = context.Reply.ToolCalls[i];
            WriteToolCall(w, names, withIndex ? i : null, ids[i], call.Name, call.Arguments);
        }

        w.WriteEndArray();
    }

    /// <summary>A stream's tool-call fragment: a <c>tool_calls</c> array of one call, with the parts that are not <see langword="null"/>.</summary>
    public static void WriteToolCallFragment(Utf8JsonWriter w, MessageSpelling names, int? index, string? id, string? name, string arguments)
    {
        w.WriteStartArray(names.ToolCalls);
        WriteToolCall(w, names, index, id, name, arguments);
        w.WriteEndArray();
    }

    /// <summary>One tool call: <c>index</c> when given, <c>id</c> and <c>type</c> when there is an id, <c>function</c> with <c>name</c> when given and <c>arguments</c>.</summary>
    private static void WriteToolCall(Utf8JsonWriter w, MessageSpelling names, int? index, string? id, string? name, string arguments)
    {
        w.WriteStartObject();
        if (index is { } first && !names.IndexLast)
        {
            w.WriteNumber(names.Index, first);
        }

        if (id is not null)
        {
            w.WriteString(names.Id, id);
            w.WriteString(names.Type, "function");
        }

        w.WriteStartObject(names.Function);
        if (name is not null)
        {
            w.WriteString(names.Name, name);
        }

        w.WriteString(names.Arguments, arguments);
        w.WriteEndObject();
        if (index is { } last && names.IndexLast)
        {
            w.WriteNumber(names.Index, last);
        }

        w.WriteEndObject();
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

/// <summary>How a protocol spells an assistant message's and a tool call's keys, and whether a call's <c>Index</c> comes last (Tencent Cloud API 3.0).</summary>
internal sealed record MessageSpelling(
    string Message,
    string Role,
    string Content,
    string ReasoningContent,
    string ToolCalls,
    string Index,
    string Id,
    string Type,
    string Function,
    string Name,
    string Arguments,
    bool IndexLast)
{
    public static readonly MessageSpelling Snake = new("message", "role", "content", "reasoning_content", "tool_calls", "index", "id", "type", "function", "name", "arguments", IndexLast: false);

    public static readonly MessageSpelling Pascal = new("Message", "Role", "Content", "ReasoningContent", "ToolCalls", "Index", "Id", "Type", "Function", "Name", "Arguments", IndexLast: true);
}
