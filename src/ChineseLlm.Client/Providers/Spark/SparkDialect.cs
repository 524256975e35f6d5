using System.Text.RegularExpressions;
using ChineseLlm.Client.OpenAiCompatible.Wire;

namespace ChineseLlm.Client.Providers.Spark;

/// <summary>
/// iFlytek Spark's HTTP dialect (facts: docs/protocols/spark.md): every body and chunk carries a top-level
/// <c>code</c> (0 = ok), <c>message</c> and <c>sid</c>; a non-zero code inside HTTP 200 is an error; there is no
/// <c>finish_reason</c>, <c>model</c>, or (non-stream) <c>id</c>.
/// </summary>
internal sealed partial class SparkDialect() : OpenAiCompatibleDialect(
    "spark", new("https://spark-api-open.xf-yun.com/v1"), "generalv3.5",
    passThroughFields: ["top_k", "user", "tool_calls_switch", "suppress_plugin", "web_search"],
    // The vendor's official or recommended client is openai-python (docs/protocols/spark.md): its retry rules apply.
    followsOpenAiSdkRetryRules: true)
{
    public static readonly SparkDialect Instance = new();

    /// <summary>The HTTP service takes text only.</summary>
    public override bool SupportsContentParts => false;

    /// <summary>Usage always rides on the last chunk; <c>stream_options</c> is not documented.</summary>
    public override bool RequestsStreamUsage => false;

    /// <summary>Quirk: iFlytek ends every stream with <c>data:[DONE]</c> and never sends <c>finish_reason</c>.</summary>
    public override string? FinishReasonWhenDoneWithoutOne => "stop";

    public override ChineseLlmException? InspectResponse(ChatCompletionResponse response, int statusCode, string? requestId)
    {
        var sid = GetString(response.ExtraFields, "sid");
        if (GetBusinessError(response.ExtraFields) is { } error)
        {
            return MapError(statusCode, error, requestId ?? sid, retryAfter: null);
        }

        // The non-stream body has no id and no finish_reason: the sid identifies the answer, and a complete body means
        // the model stopped (or asked for tools).
        response.Id ??= sid;
        if (response.Choices is { } choices)
        {
            foreach (var choice in choices)
            {
                choice.FinishReason ??= choice.Message?.ToolCalls is { Count: > 0 } ? "tool_calls" : "stop";
            }
        }

        return null;
    }

    public override ChineseLlmException? InspectChunk(ChatCompletionChunk chunk, OpenAiCompatibleProtocol.StreamState state)
    {
        var sid = GetString(chunk.ExtraFields, "sid");
        if (GetBusinessError(chunk.ExtraFields) is { } error)
        {
            return MapError(statusCode: 200, error, state.RequestId ?? sid, retryAfter: null);
        }

        chunk.Id ??= sid;
        return null;
    }

    /// <summary>iFlytek's numeric codes (WebSocket docs, also used over HTTP) decide the kind.</summary>
    protected override LlmErrorKind Classify(int? statusCode, WireError error) => error.CodeText switch
    {
        "10005" when error.Message?.Contains("model", StringComparison.OrdinalIgnoreCase) == true => LlmErrorKind.ModelNotFound,
        "10013" or "10014" or "10019" => LlmErrorKind.ContentFiltered,
        "10907" => LlmErrorKind.ContextLengthExceeded,
        "11200" => LlmErrorKind.PermissionDenied,
        "11201" => LlmErrorKind.QuotaExceeded,
        "11202" or "11203" => LlmErrorKind.RateLimited,
        { Length: 5 } code when code.StartsWith("100", StringComparison.Ordinal) => LlmErrorKind.InvalidRequest,
        _ => base.Classify(statusCode is 200 ? null : statusCode, error),
    };

    /// <summary>Error envelopes carry the sid only inside the message: <c>"… (sid: cha000b6468@dx19e5…)"</c>.</summary>
    protected override string? GetRequestId(WireError error) =>
        error.Message is { } message && SidInMessage().Match(message) is { Success: true } match ? match.Groups[1].Value : null;

    private static WireError? GetBusinessError(Dictionary<string, JsonElement>? fields)
    {
        if (fields is null || !fields.TryGetValue("code", out var code))
        {
            return null;
        }

        var isOk = code.ValueKind switch
        {
            JsonValueKind.Number => code.TryGetInt64(out var n) && n == 0,
            JsonValueKind.String => JsonElementText.GetString(code) is "0" or "",
            _ => true,
        };
        return isOk ? null : new WireError { Code = code, Message = GetString(fields, "message") };
    }

    private static string? GetString(Dictionary<string, JsonElement>? fields, string name) =>
        fields is not null && fields.TryGetValue(name, out var value) ? JsonElementText.GetString(value) : null;

    [GeneratedRegex(@"\(sid:\s*([^)\s]+)\)")]
    private static partial Regex SidInMessage();
}
