using System.Globalization;
using System.Net;
using System.Text.Json;

namespace ChineseLlm.Client.Testing.Wire;

/// <summary>
/// ERNIE legacy v1 (<c>/oauth/2.0/token</c> and <c>/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/{model}?access_token=…</c>):
/// shapes as in <c>tests/Payloads/ernie/v1-*</c> and docs/protocols/ernie.md — <c>result</c> instead of
/// <c>choices</c>, <c>finish_reason:"normal"</c>, streams ending on <c>is_end:true</c> with no <c>[DONE]</c> and completion
/// tokens only on the last event, and every error as <c>{"error_code","error_msg"}</c> with HTTP 200, streams included.
/// </summary>
internal sealed class ErnieV1Dialect : WireDialect
{
    /// <summary>The access-token lifetime Qianfan grants: 30 days.</summary>
    public const int TokenLifetimeSeconds = 2_592_000;

    public override SimulatedProtocol Protocol => SimulatedProtocol.ErnieV1;

    public override bool IsAuthenticated(HttpRequestMessage request) => AccessToken(request) is { Length: > 0 };

    /// <summary>Reads the <c>access_token</c> query parameter.</summary>
    public static string? AccessToken(HttpRequestMessage request) => QueryValue(request.RequestUri, "access_token");

    public static string? QueryValue(Uri? uri, string name)
    {
        var query = uri?.Query.TrimStart('?') ?? string.Empty;
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? pair : pair[..eq];
            if (string.Equals(Uri.UnescapeDataString(key), name, StringComparison.Ordinal))
            {
                return eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..]);
            }
        }

        return null;
    }

    /// <summary>Creates a new access token in Baidu's <c>24.{hex}.{lifetime}.{expiry}.{n}-{m}</c> format.</summary>
    public static string NewAccessToken(DateTimeOffset now) => string.Create(
        CultureInfo.InvariantCulture,
        $"24.{WireIds.Hex(32)}.{TokenLifetimeSeconds}.{now.ToUnixTimeSeconds() + TokenLifetimeSeconds}.282335-{now.ToUnixTimeSeconds() % 100_000_000}");

    /// <summary>The OAuth answer: the token (fixture v1-oauth-token.json), or <c>invalid_client</c> when the client id or secret is missing.</summary>
    public static ResponsePlan Token(HttpRequestMessage request, string? accessToken, DateTimeOffset now)
    {
        if (accessToken is null)
        {
            var unknownClient = string.IsNullOrEmpty(QueryValue(request.RequestUri, "client_id"));
            return JsonError(HttpStatusCode.Unauthorized, Json.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("error", "invalid_client");
                w.WriteString("error_description", unknownClient ? "unknown client id" : "Client authentication failed");
                w.WriteEndObject();
            }));
        }

        return new ResponsePlan { ContentType = JsonType }.WithJsonBody(Json.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("refresh_token", "25." + WireIds.Hex(32) + ".315360000." + (now.ToUnixTimeSeconds() + 315_360_000).ToString(CultureInfo.InvariantCulture) + ".282335-8574074");
            w.WriteNumber("expires_in", TokenLifetimeSeconds);
            w.WriteString("scope", "public wise_adapt");
            w.WriteString("session_key", WireIds.Alnum(64, mixedCase: true));
            w.WriteString("access_token", accessToken);
            w.WriteString("session_secret", WireIds.Hex(32));
            w.WriteEndObject();
        }));
    }

    public override ResponsePlan Reply(ReplyContext context)
    {
        var id = "as-" + WireIds.Alnum(10);
        var usage = context.Usage;
        var finish = context.FinishReason("normal", "function_call");
        if (!context.Request.IsStreaming)
        {
            return new ResponsePlan { ContentType = JsonType }.WithJsonBody(Json.Write(w =>
            {
                w.WriteStartObject();
                WriteHead(w, context, id);
                w.WriteString("result", context.HasToolCalls ? string.Empty : context.Reply.Text);
                w.WriteBoolean("is_truncated", false);
                w.WriteBoolean("need_clear_history", false);
                w.WriteString("finish_reason", finish);
                WriteFunctionCall(w, context);
                WriteUsage(w, usage);
                w.WriteEndObject();
            }));
        }

        var stream = new ResponsePlan { ContentType = EventStreamType, IsStream = true };
        var pieces = context.HasToolCalls ? [] : ReplyContext.Split(context.Reply.Text, Math.Max(1, context.Reply.StreamChunkLength));
        for (var i = 0; i <= pieces.Count; i++)
        {
            var last = i == pieces.Count;
            var sentence = i;
            var text = last ? string.Empty : pieces[i];
            stream.Segments.Add(Sse.Data(Json.Write(w =>
            {
                w.WriteStartObject();
                WriteHead(w, context, id);
                w.WriteNumber("sentence_id", sentence);
                w.WriteBoolean("is_end", last);
                w.WriteBoolean("is_truncated", false);
                w.WriteString("result", text);
                w.WriteBoolean("need_clear_history", false);

                // Quirk (docs/protocols/ernie.md): finish_reason is "normal" on every event; completion tokens are 0 until the last.
                w.WriteString("finish_reason", last ? finish : "normal");
                if (last)
                {
                    WriteFunctionCall(w, context);
                }

                WriteUsage(w, last ? usage : usage with { Output = 0, Reasoning = 0 });
                w.WriteEndObject();
            })));
        }

        return stream;
    }

    protected override ResponsePlan ProviderError(ErrorContext context)
    {
        if (context.Kind == LlmErrorKind.ContentFiltered)
        {
            // Quirk (docs/protocols/ernie.md): v1 signals unsafe input inside a successful response (fixture v1-content-filter.json).
            return new ResponsePlan { ContentType = JsonType }.WithJsonBody(Json.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("id", "as-" + WireIds.Alnum(10));
                w.WriteString("object", "chat.completion");
                w.WriteNumber("created", context.Now.ToUnixTimeSeconds());
                w.WriteString("result", string.Empty);
                w.WriteBoolean("is_truncated", false);
                w.WriteBoolean("need_clear_history", true);
                w.WriteNumber("ban_round", -1);
                w.WriteString("finish_reason", "content_filter");
                w.WriteNumber("flag", 1);
                WriteUsage(w, new UsageNumbers(Math.Max(1, context.Request.PromptCharacters / 2), 0, 0, 0));
                w.WriteEndObject();
            }));
        }

        // Source: tests/Payloads/ernie/v1-error-* and the v1 table in docs/protocols/ernie.md (ai.baidu.com/ai-doc/WENXINWORKSHOP/tlmyncueh).
        var (code, message) = context.Kind switch
        {
            LlmErrorKind.Authentication => (110, "Access token invalid or no longer valid"),
            LlmErrorKind.PermissionDenied => (6, "No permission to access data"),
            LlmErrorKind.RateLimited => (18, "Open api qps request limit reached"),
            LlmErrorKind.QuotaExceeded => (17, "Open api daily request limit reached"),
            LlmErrorKind.ModelNotFound => (336005, "API name not exist"),
            LlmErrorKind.ContextLengthExceeded => (336103, "Prompt tokens too long"),
            LlmErrorKind.ServerError => (336100, "try again later"),
            _ => (336006, "the length of messages must be an odd number"),
        };

        // Every v1 error is HTTP 200 JSON, also for stream requests.
        return JsonError(HttpStatusCode.OK, Json.Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("error_code", code);
            w.WriteString("error_msg", message);
            w.WriteEndObject();
        }));
    }

    private static void WriteHead(Utf8JsonWriter w, ReplyContext context, string id)
    {
        w.WriteString("id", id);
        w.WriteString("object", "chat.completion");
        w.WriteNumber("created", context.Created);
    }

    private static void WriteFunctionCall(Utf8JsonWriter w, ReplyContext context)
    {
        if (!context.HasToolCalls)
        {
            return;
        }

        // v1 function calling returns one call: {name, arguments (JSON text), thoughts}.
        var call = context.Reply.ToolCalls[0];
        w.WriteStartObject("function_call");
        w.WriteString("name", call.Name);
        w.WriteString("arguments", call.Arguments);
        w.WriteString("thoughts", context.Reply.Reasoning ?? string.Empty);
        w.WriteEndObject();
    }

    private static void WriteUsage(Utf8JsonWriter w, UsageNumbers usage)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", usage.Input);
        w.WriteNumber("completion_tokens", usage.Output);
        w.WriteNumber("total_tokens", usage.Total);
        w.WriteEndObject();
    }
}
