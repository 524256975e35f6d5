using System.Globalization;
using System.Net;
using System.Text.Json;

namespace ChineseLlm.Client.Testing.Wire;

/// <summary>
/// Moonshot Kimi (<c>POST {base}/chat/completions</c>): shapes as in <c>tests/Payloads/kimi</c> and
/// docs/protocols/kimi.md — <c>usage.cached_tokens</c> at the top of usage, stream usage inside
/// <c>choices[0]</c> on the finish chunk, plus a <c>choices:[]</c> usage chunk only with include_usage.
/// </summary>
internal sealed class KimiDialect : WireDialect
{
    public static readonly KimiDialect Instance = new();

    public override SimulatedProtocol Protocol => SimulatedProtocol.Kimi;

    public override ResponsePlan Reply(ReplyContext context)
    {
        var id = "chatcmpl-" + WireIds.Hex(16);
        var model = context.Model("kimi-k2.6");
        var toolIds = context.ToolCallIds(static (i, call) => call.Name + ":" + i.ToString(CultureInfo.InvariantCulture));
        var requestId = WireIds.Hex(32);

        if (!context.Request.IsStreaming)
        {
            return new ResponsePlan { ContentType = JsonUtf8Type }.WithHeader("msh-request-id", requestId).WithJsonBody(Json.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("id", id);
                w.WriteString("object", "chat.completion");
                w.WriteNumber("created", context.Created);
                w.WriteString("model", model);
                w.WriteStartArray("choices");
                w.WriteStartObject();
                w.WriteNumber("index", 0);
                w.WriteStartObject("message");
                w.WriteString("role", "assistant");
                w.WriteString("content", context.Reply.Text);
                if (context.HasReasoning)
                {
                    if (!context.HasToolCalls)
                    {
                        w.WriteNull("refusal");
                    }

                    w.WriteString("reasoning_content", context.Reply.Reasoning);
                }

                if (context.HasToolCalls)
                {
                    OpenAiShapes.WriteToolCalls(w, context, toolIds, withIndex: true);
                }

                w.WriteEndObject();
                w.WriteString("finish_reason", context.FinishReason());
                w.WriteEndObject();
                w.WriteEndArray();
                WriteUsage(w, context.Usage);
                w.WriteEndObject();
            }));
        }

        var stream = new ResponsePlan { ContentType = EventStreamType, IsStream = true }.WithHeader("msh-request-id", requestId);
        stream.Segments.Add(Sse.Data(Chunk(context, id, model, null, w =>
        {
            w.WriteString("role", "assistant");
            w.WriteString("content", string.Empty);
        })));

        foreach (var delta in context.Deltas())
        {
            stream.Segments.Add(Sse.Data(Chunk(context, id, model, null, w =>
            {
                switch (delta.Kind)
                {
                    case DeltaKind.Reasoning:
                        w.WriteString("reasoning_content", delta.Text);
                        break;
                    case DeltaKind.Content:
                        w.WriteString("content", delta.Text);
                        break;
                    default:
                        OpenAiShapes.WriteToolCallDelta(w, context, toolIds, delta);
                        break;
                }
            })));
        }

        // Quirk (docs/protocols/kimi.md §1.6): the finish chunk always carries the usage inside the choice.
        stream.Segments.Add(Sse.Data(Chunk(context, id, model, context.FinishReason(), static _ => { })));
        if (context.Request.IncludeUsage)
        {
            // With include_usage a separate choices:[] chunk adds the request total; never add the two together.
            stream.Segments.Add(Sse.Data(Json.Write(w =>
            {
                w.WriteStartObject();
                WriteChunkHeader(w, context, id, model);
                w.WriteStartArray("choices");
                w.WriteEndArray();
                WriteUsage(w, context.Usage);
                w.WriteEndObject();
            })));
        }

        stream.Segments.Add(Sse.Done());
        return stream;
    }

    protected override ResponsePlan ProviderError(ErrorContext context)
    {
        // Source: tests/Payloads/kimi and the error table in docs/protocols/kimi.md §1.11 (platform.kimi.com/docs/api/errors).
        var wait = (long)Math.Max(1, Math.Ceiling(context.RetryAfter?.TotalSeconds ?? 1));
        var (status, type, message) = context.Kind switch
        {
            LlmErrorKind.Authentication => (HttpStatusCode.Unauthorized, "invalid_authentication_error", "Invalid Authentication"),
            LlmErrorKind.PermissionDenied => (HttpStatusCode.Forbidden, "permission_denied_error", "The API you are accessing is not open"),
            LlmErrorKind.RateLimited => ((HttpStatusCode)429, "rate_limit_reached_error", string.Create(CultureInfo.InvariantCulture, $"Your account org-3f9c2a1b7d<ak-8e41d0c2> request reached organization max concurrency: 50, please try again after {wait} seconds")),
            LlmErrorKind.QuotaExceeded => ((HttpStatusCode)429, "exceeded_current_quota_error", "You exceeded your current token quota: <org-3f9c2a1b7d> 0, please check your account balance"),
            LlmErrorKind.ContentFiltered => (HttpStatusCode.BadRequest, "content_filter", "The request was rejected because it was considered high risk"),
            LlmErrorKind.ModelNotFound => (HttpStatusCode.NotFound, "resource_not_found_error", $"Not found the model {context.Model} or Permission denied"),
            LlmErrorKind.ContextLengthExceeded => (HttpStatusCode.BadRequest, "invalid_request_error", "Your request exceeded model token limit : 262144"),
            LlmErrorKind.ServerError => (HttpStatusCode.InternalServerError, "unexpected_output", "invalid state transition"),
            _ => (HttpStatusCode.BadRequest, "invalid_request_error", "Invalid request: invalid temperature: only 1 is allowed for this model"),
        };

        return JsonError(status, Json.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteString("type", type);
            w.WriteString("message", message);
            w.WriteEndObject();
            w.WriteEndObject();
        }), JsonUtf8Type).WithHeader("msh-request-id", WireIds.Hex(32));
    }

    private static byte[] Chunk(ReplyContext context, string id, string model, string? finishReason, Action<Utf8JsonWriter> delta) =>
        Json.Write(w =>
        {
            w.WriteStartObject();
            WriteChunkHeader(w, context, id, model);
            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WriteNumber("index", 0);
            w.WriteStartObject("delta");
            delta(w);
            w.WriteEndObject();
            w.WriteNullableString("finish_reason", finishReason);
            if (finishReason is not null)
            {
                WriteUsage(w, context.Usage);
            }

            w.WriteEndObject();
            w.WriteEndArray();
            if (context.Request.IncludeUsage)
            {
                w.WriteNull("usage");
            }

            w.WriteEndObject();
        });

    private static void WriteChunkHeader(Utf8JsonWriter w, ReplyContext context, string id, string model)
    {
        w.WriteString("id", id);
        w.WriteString("object", "chat.completion.chunk");
        w.WriteNumber("created", context.Created);
        w.WriteString("model", model);
    }

    private static void WriteUsage(Utf8JsonWriter w, UsageNumbers usage)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", usage.Input);
        w.WriteNumber("completion_tokens", usage.Output);
        w.WriteNumber("total_tokens", usage.Total);
        w.WriteNumber("cached_tokens", usage.Cached);
        w.WriteEndObject();
    }
}
