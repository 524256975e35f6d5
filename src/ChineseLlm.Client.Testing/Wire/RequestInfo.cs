using System.Text.Json.Nodes;

namespace ChineseLlm.Client.Testing.Wire;

/// <summary>What the simulator needs to know about a routed request, read from its path, headers and body.</summary>
/// <param name="Route">The protocol and operation the request was routed to.</param>
/// <param name="Model">The model the request asked for (for ERNIE v1, the endpoint name in the path).</param>
/// <param name="IsStreaming">Whether the request asked for a stream.</param>
/// <param name="PromptCharacters">The number of characters in all message contents, for the token estimate.</param>
/// <param name="HasTools">Whether the request offered tools (functions).</param>
/// <param name="EndsWithToolResult">Whether the last message is a tool (function) result.</param>
/// <param name="LastUserMessage">The text of the last user message.</param>
/// <param name="MalformedBody">Whether the body was meant to be JSON and was not.</param>
internal sealed record RequestInfo(
    WireRoute Route,
    string? Model = null,
    bool IsStreaming = false,
    int PromptCharacters = 0,
    bool HasTools = false,
    bool EndsWithToolResult = false,
    string? LastUserMessage = null,
    bool MalformedBody = false)
{
    /// <summary>Gets whether the caller asked for usage in the stream (<c>stream_options.include_usage</c>).</summary>
    public bool IncludeUsage { get; init; }

    /// <summary>Gets whether the caller asked ERNIE v2 for cumulative usage on every chunk (<c>chunk_include_usage</c>).</summary>
    public bool ChunkIncludeUsage { get; init; }

    /// <summary>Gets whether Qwen native was asked for <c>result_format: message</c> (otherwise it answers in the text format).</summary>
    public bool QwenMessageFormat { get; init; }

    /// <summary>Gets whether Qwen native streams deltas (<c>incremental_output: true</c>) rather than the text so far.</summary>
    public bool QwenIncremental { get; init; }

    /// <summary>Reads the model from a parsed body in any of the protocols' spellings.</summary>
    public static string? PeekModel(JsonNode? body) =>
        body is JsonObject o ? (Str(o, "model") ?? Str(o, "Model")) : null;

    private static readonly Spelling OpenAi = new("model", "stream", "role", "content", ["tools"], ["tool", "function"]);

    /// <summary>DashScope native: messages under <c>input</c>, tools under <c>parameters</c>, streaming asked for by header.</summary>
    private static readonly Spelling Qwen = new("model", "stream", "role", "content", ["tools"], ["tool"]);

    private static readonly Spelling ErnieV1 = new("model", "stream", "role", "content", ["functions", "tools"], ["function", "tool"]);

    private static readonly Spelling Hunyuan = new("Model", "Stream", "Role", "Content", ["Tools"], ["tool"]);

    public static RequestInfo Read(WireRoute route, HttpRequestMessage request, JsonNode? body, bool malformed)
    {
        var o = body as JsonObject;
        if (route.Operation != WireOperation.Chat)
        {
            return new RequestInfo(route);
        }

        switch (route.Protocol)
        {
            case SimulatedProtocol.QwenNative:
                var parameters = o?["parameters"] as JsonObject;
                return ReadChat(route, o, (o?["input"] as JsonObject)?["messages"] as JsonArray, parameters, Qwen, malformed) with
                {
                    IsStreaming = HeaderHas(request, "X-DashScope-SSE", "enable") || AcceptsEventStream(request),
                    QwenMessageFormat = string.Equals(Str(parameters, "result_format"), "message", StringComparison.OrdinalIgnoreCase),
                    QwenIncremental = Bool(parameters, "incremental_output"),
                };
            case SimulatedProtocol.ErnieV1:
                // The model is the endpoint name at the end of the path; the system prompt is a field of its own.
                var path = request.RequestUri!.AbsolutePath.TrimEnd('/');
                var v1 = ReadChat(route, o, o?["messages"] as JsonArray, o, ErnieV1, malformed);
                return v1 with { Model = path[(path.LastIndexOf('/') + 1)..], PromptCharacters = v1.PromptCharacters + (Str(o, "system")?.Length ?? 0) };
            case SimulatedProtocol.HunyuanNative:
                return ReadChat(route, o, o?["Messages"] as JsonArray, o, Hunyuan, malformed);
            default:
                var streamOptions = o?["stream_options"] as JsonObject;
                return ReadChat(route, o, o?["messages"] as JsonArray, o, OpenAi, malformed) with
                {
                    IncludeUsage = Bool(streamOptions, "include_usage"),
                    ChunkIncludeUsage = Bool(streamOptions, "chunk_include_usage"),
                };
        }
    }

    /// <summary>The fields every chat protocol has, spelled as <paramref name="spelling"/> says; <paramref name="toolsOwner"/> holds the tool list.</summary>
    private static RequestInfo ReadChat(WireRoute route, JsonObject? o, JsonArray? messages, JsonObject? toolsOwner, Spelling spelling, bool malformed) => new(
        route,
        Model: Str(o, spelling.Model),
        IsStreaming: Bool(o, spelling.Stream),
        PromptCharacters: CountCharacters(messages, spelling.Content),
        HasTools: spelling.Tools.Any(name => toolsOwner?[name] is JsonArray { Count: > 0 }),
        EndsWithToolResult: LastRole(messages, spelling.Role) is { } role && spelling.ResultRoles.Contains(role),
        LastUserMessage: LastText(messages, spelling.Role, "user", spelling.Content),
        MalformedBody: malformed);

    private static bool HeaderHas(HttpRequestMessage request, string name, string value) =>
        request.Headers.TryGetValues(name, out var values)
        && values.Any(v => string.Equals(v.Trim(), value, StringComparison.OrdinalIgnoreCase));

    private static bool AcceptsEventStream(HttpRequestMessage request) =>
        request.Headers.Accept.Any(a => string.Equals(a.MediaType, "text/event-stream", StringComparison.OrdinalIgnoreCase));

    private static string? Str(JsonObject? o, string name) =>
        o is not null && o.TryGetPropertyValue(name, out var node) && node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static bool Bool(JsonObject? o, string name) =>
        o is not null && o.TryGetPropertyValue(name, out var node) && node is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static int CountCharacters(JsonArray? messages, string contentName)
    {
        var total = 0;
        foreach (var m in messages ?? [])
        {
            total += m is JsonObject mo ? TextOf(mo[contentName])?.Length ?? 0 : 0;
        }

        return total;
    }

    private static string? LastRole(JsonArray? messages, string roleName) =>
        messages is { Count: > 0 } && messages[^1] is JsonObject last ? Str(last, roleName) : null;

    private static string? LastText(JsonArray? messages, string roleName, string role, string contentName)
    {
        for (var i = (messages?.Count ?? 0) - 1; i >= 0; i--)
        {
            if (messages![i] is JsonObject m && string.Equals(Str(m, roleName), role, StringComparison.Ordinal))
            {
                return TextOf(m[contentName]);
            }
        }

        return null;
    }

    /// <summary>Text of a content value: a string, or the text parts of an array (<c>{"type":"text","text"}</c> or <c>{"text"}</c>).</summary>
    private static string? TextOf(JsonNode? content)
    {
        if (content is JsonValue v && v.TryGetValue<string>(out var s))
        {
            return s;
        }

        if (content is not JsonArray parts)
        {
            return null;
        }

        var texts = parts.OfType<JsonObject>().Select(p => Str(p, "text") ?? Str(p, "Text")).Where(t => t is not null);
        return string.Concat(texts);
    }

    /// <summary>How a protocol names the request fields: the model, the stream flag, message role and content, the tool lists, and the roles of a tool result.</summary>
    private sealed record Spelling(string Model, string Stream, string Role, string Content, string[] Tools, string[] ResultRoles);
}
