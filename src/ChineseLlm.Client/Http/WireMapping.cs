namespace ChineseLlm.Client.Http;

/// <summary>Mapping steps every protocol shares: tool calls, finish reasons, stream updates, the request-id property and pass-through values.</summary>
internal static class WireMapping
{
    /// <summary>The key under which a response's provider request id is stored in <c>AdditionalProperties</c>.</summary>
    internal const string RequestIdKey = "request_id";

    private static readonly JsonElement NullElement = JsonDocument.Parse("null").RootElement.Clone();

    /// <summary>M.E.AI's JSON options (they know the argument and result types) without indentation: they go on the wire.</summary>
    internal static JsonSerializerOptions CompactAIJsonOptions { get; } = CreateCompactAIJsonOptions();

    /// <summary>
    /// The caller's function declarations in a protocol's tool shape (other tool kinds are not sent), or
    /// <see langword="null"/> when there are none; <paramref name="map"/> gets each declaration and its description, or
    /// <see langword="null"/> when it is empty.
    /// </summary>
    internal static List<T>? ToWireFunctions<T>(IList<AITool>? tools, Func<AIFunctionDeclaration, string?, T> map)
    {
        if (tools is not { Count: > 0 })
        {
            return null;
        }

        var wire = new List<T>(tools.Count);
        foreach (var tool in tools)
        {
            if (tool is AIFunctionDeclaration function)
            {
                wire.Add(map(function, string.IsNullOrEmpty(function.Description) ? null : function.Description));
            }
        }

        return wire.Count > 0 ? wire : null;
    }

    /// <summary>A function call from its wire id, name, JSON arguments and type.</summary>
    internal static FunctionCallContent FromWireToolCall(string? id, string? name, string? arguments, string? type)
    {
        var content = FunctionCallContent.CreateFromParsedArguments(
            string.IsNullOrWhiteSpace(arguments) ? "{}" : arguments,
            id ?? string.Empty,
            name ?? string.Empty,
            static json => JsonSerializer.Deserialize(json, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>))) as IDictionary<string, object?>);

        // Kimi's built-in `$web_search` calls have type "builtin_function" and must be echoed unchanged.
        if (type is not null && type != "function")
        {
            (content.AdditionalProperties ??= [])["type"] = type;
        }

        return content;
    }

    /// <summary>OpenAI's finish reasons (which most vendors reuse) as <see cref="ChatFinishReason"/>.</summary>
    internal static ChatFinishReason? FromWireFinishReason(string? reason) => reason switch
    {
        null or "null" => null,
        _ when string.IsNullOrWhiteSpace(reason) => null, // ChatFinishReason rejects blank values
        "stop" => ChatFinishReason.Stop,
        "length" => ChatFinishReason.Length,
        "tool_calls" or "function_call" => ChatFinishReason.ToolCalls,
        "content_filter" or "sensitive" => ChatFinishReason.ContentFilter,
        _ => new ChatFinishReason(reason),
    };

    /// <summary>The request id travels in <c>AdditionalProperties["request_id"]</c> so callers can quote it to support.</summary>
    internal static AdditionalPropertiesDictionary? RequestIdProperty(string? requestId) =>
        requestId is null ? null : new() { [RequestIdKey] = requestId };

    /// <summary>Converts a pass-through value (a JsonElement, a primitive, or any type M.E.AI's JSON options know).</summary>
    internal static JsonElement ToJsonElement(object? value) => value switch
    {
        null => NullElement,
        JsonElement element => element,
        string s => JsonSerializer.SerializeToElement(s, WireValuesJsonContext.Default.String),
        bool b => JsonSerializer.SerializeToElement(b, WireValuesJsonContext.Default.Boolean),
        int i => JsonSerializer.SerializeToElement(i, WireValuesJsonContext.Default.Int32),
        long l => JsonSerializer.SerializeToElement(l, WireValuesJsonContext.Default.Int64),
        double d => JsonSerializer.SerializeToElement(d, WireValuesJsonContext.Default.Double),
        decimal m => JsonSerializer.SerializeToElement(m, WireValuesJsonContext.Default.Decimal),
        _ => JsonSerializer.SerializeToElement(value, CompactAIJsonOptions.GetTypeInfo(value.GetType())),
    };

    /// <summary>A function call's arguments as the JSON text the OpenAI-style protocols send.</summary>
    internal static string SerializeArguments(IDictionary<string, object?>? arguments) =>
        arguments is null
            ? "{}"
            : JsonSerializer.Serialize(arguments, CompactAIJsonOptions.GetTypeInfo(typeof(IDictionary<string, object?>)));

    /// <summary>A function result as text: a string as is, JSON as its text, anything else serialized.</summary>
    internal static string SerializeResult(object? result) => result switch
    {
        null => string.Empty,
        string s => s,
        JsonElement e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText(),
        _ => JsonSerializer.Serialize(result, CompactAIJsonOptions.GetTypeInfo(result.GetType())),
    };

    private static JsonSerializerOptions CreateCompactAIJsonOptions()
    {
        var options = new JsonSerializerOptions(AIJsonUtilities.DefaultOptions) { WriteIndented = false };
        options.MakeReadOnly();
        return options;
    }

    /// <summary>The text of one stream delta, reasoning before answer text; <see langword="null"/> when it has neither.</summary>
    internal static List<AIContent>? DeltaContents(string? reasoning, string? text) => (string.IsNullOrEmpty(reasoning), string.IsNullOrEmpty(text)) switch
    {
        (true, true) => null,
        (false, true) => [new TextReasoningContent(reasoning)],
        (true, false) => [new TextContent(text)],
        _ => [new TextReasoningContent(reasoning), new TextContent(text)],
    };

    /// <summary>The update for one stream event; <see langword="null"/> when it carries nothing for the caller (no content, no finish).</summary>
    internal static ChatResponseUpdate? EventUpdate(
        List<AIContent>? contents, ChatFinishReason? finish, string? responseId, string? modelId, DateTimeOffset? createdAt, object raw)
    {
        if (contents is null && finish is null)
        {
            return null;
        }

        var update = Update(contents ?? [], responseId, modelId, createdAt, finish);
        update.RawRepresentation = raw;
        return update;
    }

    /// <summary>The tool calls a stream assembled from fragments, in order; <paramref name="id"/> picks each call's id.</summary>
    internal static List<AIContent> ToolCallContents(IReadOnlyList<StreamedToolCall> calls, Func<StreamedToolCall, int, string?> id)
    {
        var contents = new List<AIContent>(calls.Count + 1);
        for (var i = 0; i < calls.Count; i++)
        {
            var call = calls[i];
            contents.Add(FromWireToolCall(id(call, i), call.Name, call.Arguments.ToString(), call.Type));
        }

        return contents;
    }

    /// <summary>The last update of a stream: <paramref name="contents"/> (its tool calls), then the usage, with the finish reason and the request id.</summary>
    internal static ChatResponseUpdate FinalUpdate(
        List<AIContent> contents, UsageDetails? usage, string? responseId, string? modelId, DateTimeOffset? createdAt, ChatFinishReason? finish, string? requestId)
    {
        if (usage is not null)
        {
            contents.Add(new UsageContent(usage));
        }

        var update = Update(contents, responseId, modelId, createdAt, finish);
        update.AdditionalProperties = RequestIdProperty(requestId);
        return update;
    }

    private static ChatResponseUpdate Update(List<AIContent> contents, string? responseId, string? modelId, DateTimeOffset? createdAt, ChatFinishReason? finish) =>
        new(ChatRole.Assistant, contents) { ResponseId = responseId, MessageId = responseId, ModelId = modelId, CreatedAt = createdAt, FinishReason = finish };

    /// <summary>The failure of a stream that ended before <paramref name="missing"/>: transient (a cut connection), the answer incomplete.</summary>
    internal static ChineseLlmException IncompleteStream(string provider, string missing, string? requestId) => new(
        provider, LlmErrorKind.Network, $"the stream ended before {missing}; the answer is incomplete.", statusCode: 200, requestId: requestId);
}
