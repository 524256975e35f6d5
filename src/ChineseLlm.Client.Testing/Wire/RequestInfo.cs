using System.Text.Json.Nodes;

namespace ChineseLlm.Client.Testing.Wire;

/// <summary>What the simulator needs to know about a routed request, read from its path, headers and body.</summary>
internal sealed class RequestInfo
{
    public required WireRoute Route { get; init; }

    public string? Model { get; init; }

    public bool IsStreaming { get; init; }

    /// <summary>Gets whether the caller asked for usage in the stream (<c>stream_options.include_usage</c>).</summary>
    public bool IncludeUsage { get; init; }

    /// <summary>Gets whether the caller asked ERNIE v2 for cumulative usage on every chunk (<c>chunk_include_usage</c>).</summary>
    public bool ChunkIncludeUsage { get; init; }

    /// <summary>Gets whether Qwen native was asked for <c>result_format: message</c> (otherwise it answers in the text format).</summary>
    public bool QwenMessageFormat { get; init; }

    /// <summary>Gets whether Qwen native streams deltas (<c>incremental_output: true</c>) rather than the text so far.</summary>
    public bool QwenIncremental { get; init; }

    /// <summary>Gets the number of characters in all message contents, for the token estimate.</summary>
    public int PromptCharacters { get; init; }

    public bool HasTools { get; init; }

    public bool EndsWithToolResult { get; init; }

    public string? LastUserMessage { get; init; }

    /// <summary>Gets whether the body was meant to be JSON and was not.</summary>
    public bool MalformedBody { get; init; }

    /// <summary>Reads the model from a parsed body in any of the protocols' spellings.</summary>
    public static string? PeekModel(JsonNode? body) =>
        body is JsonObject o ? (Str(o, "model") ?? Str(o, "Model")) : null;

    public static RequestInfo Read(WireRoute route, HttpRequestMessage request, JsonNode? body, bool malformed)
    {
        var o = body as JsonObject;
        if (route.Operation != WireOperation.Chat)
        {
            return new RequestInfo { Route = route };
        }

        return route.Protocol switch
        {
            SimulatedProtocol.QwenNative => ReadQwenNative(route, request, o, malformed),
            SimulatedProtocol.ErnieV1 => ReadErnieV1(route, request, o, malformed),
            SimulatedProtocol.HunyuanNative => ReadHunyuan(route, o, malformed),
            _ => ReadOpenAi(route, o, malformed),
        };
    }

    private static RequestInfo ReadOpenAi(WireRoute route, JsonObject? o, bool malformed)
    {
        var messages = o?["messages"] as JsonArray;
        var streamOptions = o?["stream_options"] as JsonObject;
        return new RequestInfo
        {
            Route = route,
            Model = o is null ? null : Str(o, "model"),
            IsStreaming = Bool(o, "stream"),
            IncludeUsage = Bool(streamOptions, "include_usage"),
            ChunkIncludeUsage = Bool(streamOptions, "chunk_include_usage"),
            PromptCharacters = CountCharacters(messages, "content"),
            HasTools = o?["tools"] is JsonArray { Count: > 0 },
            EndsWithToolResult = LastRole(messages, "role") is "tool" or "function",
            LastUserMessage = LastText(messages, "role", "user", "content"),
            MalformedBody = malformed,
        };
    }

    private static RequestInfo ReadQwenNative(WireRoute route, HttpRequestMessage request, JsonObject? o, bool malformed)
    {
        var messages = (o?["input"] as JsonObject)?["messages"] as JsonArray;
        var parameters = o?["parameters"] as JsonObject;
        var sse = HeaderHas(request, "X-DashScope-SSE", "enable") || AcceptsEventStream(request);
        return new RequestInfo
        {
            Route = route,
            Model = o is null ? null : Str(o, "model"),
            IsStreaming = sse,
            QwenMessageFormat = string.Equals(Str(parameters, "result_format"), "message", StringComparison.OrdinalIgnoreCase),
            QwenIncremental = Bool(parameters, "incremental_output"),
            PromptCharacters = CountCharacters(messages, "content"),
            HasTools = parameters?["tools"] is JsonArray { Count: > 0 },
            EndsWithToolResult = LastRole(messages, "role") is "tool",
            LastUserMessage = LastText(messages, "role", "user", "content"),
            MalformedBody = malformed,
        };
    }

    private static RequestInfo ReadErnieV1(WireRoute route, HttpRequestMessage request, JsonObject? o, bool malformed)
    {
        var messages = o?["messages"] as JsonArray;
        var path = request.RequestUri!.AbsolutePath.TrimEnd('/');
        return new RequestInfo
        {
            Route = route,
            Model = path[(path.LastIndexOf('/') + 1)..],
            IsStreaming = Bool(o, "stream"),
            PromptCharacters = CountCharacters(messages, "content") + (Str(o, "system")?.Length ?? 0),
            HasTools = o?["functions"] is JsonArray { Count: > 0 } || o?["tools"] is JsonArray { Count: > 0 },
            EndsWithToolResult = LastRole(messages, "role") is "function" or "tool",
            LastUserMessage = LastText(messages, "role", "user", "content"),
            MalformedBody = malformed,
        };
    }

    private static RequestInfo ReadHunyuan(WireRoute route, JsonObject? o, bool malformed)
    {
        var messages = o?["Messages"] as JsonArray;
        return new RequestInfo
        {
            Route = route,
            Model = o is null ? null : Str(o, "Model"),
            IsStreaming = Bool(o, "Stream"),
            PromptCharacters = CountCharacters(messages, "Content"),
            HasTools = o?["Tools"] is JsonArray { Count: > 0 },
            EndsWithToolResult = LastRole(messages, "Role") is "tool",
            LastUserMessage = LastText(messages, "Role", "user", "Content"),
            MalformedBody = malformed,
        };
    }

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
}
