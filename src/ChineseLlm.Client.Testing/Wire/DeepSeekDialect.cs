using System.Net;
using System.Text;
using System.Text.Json;

namespace ChineseLlm.Client.Testing.Wire;

/// <summary>
/// DeepSeek (<c>POST {base}/chat/completions</c>): shapes as in <c>tests/Payloads/deepseek</c> and
/// docs/protocols/deepseek.md — <c>: keep-alive</c> comments before a stream, usage with the cache hit/miss
/// pair on the finish chunk (no <c>choices:[]</c> usage chunk), <c>usage:null</c> on earlier chunks only with include_usage.
/// </summary>
internal sealed class DeepSeekDialect : WireDialect
{
    public static readonly DeepSeekDialect Instance = new();

    public override SimulatedProtocol Protocol => SimulatedProtocol.DeepSeek;

    public override ResponsePlan Reply(ReplyContext context)
    {
        var id = WireIds.Uuid();
        var model = context.Model("deepseek-v4-flash");
        var fingerprint = "fp_" + WireIds.Hex(10) + "_prod0820_fp8_kvcache_20260402";
        var toolIds = context.ToolCallIds(static (_, _) => "call_00_" + WireIds.Alnum(24, mixedCase: true));
        var keepAlives = context.Reply.KeepAlives;

        if (!context.Request.IsStreaming)
        {
            var plan = new ResponsePlan { ContentType = JsonType }.WithHeader("x-ds-trace-id", WireIds.Hex(32));
            if (keepAlives is > 0)
            {
                // Quirk (docs/protocols/deepseek.md §2.7): while queued, a non-stream request receives blank lines before the JSON.
                plan.Segments.Add(new WireSegment(Encoding.ASCII.GetBytes(new string('\n', keepAlives.Value)), IsEvent: false));
            }

            return plan.WithJsonBody(Json.Write(w =>
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
                    w.WriteString("reasoning_content", context.Reply.Reasoning);
                }

                if (context.HasToolCalls)
                {
                    OpenAiShapes.WriteToolCalls(w, context, toolIds, withIndex: true);
                }
                w.WriteEndObject();
                w.WriteNull("logprobs");
                w.WriteString("finish_reason", context.FinishReason());
                w.WriteEndObject();
                w.WriteEndArray();
                WriteUsage(w, context.Usage);
                w.WriteString("system_fingerprint", fingerprint);
                w.WriteEndObject();
            }));
        }

        var stream = new ResponsePlan { ContentType = EventStreamType, IsStream = true }.WithHeader("x-ds-trace-id", WireIds.Hex(32));
        for (var i = 0; i < (keepAlives ?? 1); i++)
        {
            stream.Segments.Add(Sse.Comment("keep-alive"));
        }

        var thinking = context.HasReasoning;
        stream.Segments.Add(Sse.Data(Chunk(context, id, model, fingerprint, null, w =>
        {
            w.WriteString("role", "assistant");
            if (thinking)
            {
                w.WriteNull("content");
                w.WriteString("reasoning_content", string.Empty);
            }
            else
            {
                w.WriteString("content", string.Empty);
            }
        })));

        foreach (var delta in context.Deltas())
        {
            stream.Segments.Add(Sse.Data(Chunk(context, id, model, fingerprint, null, w =>
            {
                switch (delta.Kind)
                {
                    case DeltaKind.Reasoning:
                        w.WriteNull("content");
                        w.WriteString("reasoning_content", delta.Text);
                        break;
                    case DeltaKind.Content:
                        w.WriteString("content", delta.Text);
                        if (thinking)
                        {
                            w.WriteNull("reasoning_content");
                        }

                        break;
                    default:
                        OpenAiShapes.WriteToolCallDelta(w, context, toolIds, delta);
                        break;
                }
            })));
        }

        stream.Segments.Add(Sse.Data(Chunk(context, id, model, fingerprint, context.FinishReason(), w =>
        {
            w.WriteString("content", string.Empty);
            if (thinking)
            {
                w.WriteNull("reasoning_content");
            }
        })));
        stream.Segments.Add(Sse.Done());
        return stream;
    }

    protected override ResponsePlan ProviderError(ErrorContext context)
    {
        // Source: tests/Payloads/deepseek (bodies), api-docs.deepseek.com/quick_start/error_codes (statuses).
        var (status, type, message) = context.Kind switch
        {
            LlmErrorKind.Authentication => (HttpStatusCode.Unauthorized, "authentication_error", "Authentication Fails, Your api key: ****abcd is invalid"),
            // DeepSeek documents no permission error; 403 with its envelope is the closest plausible answer.
            LlmErrorKind.PermissionDenied => (HttpStatusCode.Forbidden, "permission_error", "Permission denied"),
            LlmErrorKind.RateLimited => ((HttpStatusCode)429, "rate_limit_error", "Too many requests. Your current concurrency is 26, which exceeds your concurrency limit of 25 based on your remaining balance. Please top up your balance to restore your concurrency."),
            LlmErrorKind.QuotaExceeded => (HttpStatusCode.PaymentRequired, "unknown_error", "Insufficient Balance"),
            LlmErrorKind.ContentFiltered => (HttpStatusCode.BadRequest, "invalid_request_error", "Content Exists Risk"),
            LlmErrorKind.ModelNotFound => (HttpStatusCode.BadRequest, "invalid_request_error", "Model Not Exist"),
            LlmErrorKind.ContextLengthExceeded => (HttpStatusCode.BadRequest, "invalid_request_error", "This model's maximum context length is 1048576 tokens. However, you requested 1100000 tokens (1100000 in the messages, 0 in the completion). Please reduce the length of the messages or completion."),
            LlmErrorKind.ServerError => (HttpStatusCode.ServiceUnavailable, string.Empty, string.Empty),
            _ => (HttpStatusCode.BadRequest, "invalid_request_error", "Failed to deserialize the JSON body into the target type: messages[1].role: unknown variant `developer`, expected one of `system`, `user`, `assistant`, `tool`, `latest_reminder` at line 1 column 51036"),
        };

        if (context.Kind == LlmErrorKind.ServerError)
        {
            // Quirk (tests/Payloads/deepseek/README.md): 5xx bodies are not stable JSON; the edge may answer in plain text.
            var plan = new ResponsePlan { Status = status, ContentType = "text/plain; charset=utf-8" };
            plan.Segments.Add(new WireSegment("Server Overloaded"u8.ToArray(), IsEvent: false));
            return plan;
        }

        return JsonError(status, OpenAiShapes.ErrorEnvelope(message, type, writeParam: true, code: "invalid_request_error"))
            .WithHeader("x-ds-trace-id", WireIds.Hex(32));
    }

    private static byte[] Chunk(ReplyContext context, string id, string model, string fingerprint, string? finishReason, Action<Utf8JsonWriter> delta) =>
        Json.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteString("object", "chat.completion.chunk");
            w.WriteNumber("created", context.Created);
            w.WriteString("model", model);
            w.WriteString("system_fingerprint", fingerprint);
            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WriteNumber("index", 0);
            w.WriteStartObject("delta");
            delta(w);
            w.WriteEndObject();
            w.WriteNull("logprobs");
            w.WriteNullableString("finish_reason", finishReason);
            w.WriteEndObject();
            w.WriteEndArray();
            if (finishReason is not null)
            {
                // Usage rides on the finish chunk, with or without include_usage.
                WriteUsage(w, context.Usage);
            }
            else if (context.Request.IncludeUsage)
            {
                w.WriteNull("usage");
            }

            w.WriteEndObject();
        });

    private static void WriteUsage(Utf8JsonWriter w, UsageNumbers usage)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", usage.Input);
        w.WriteNumber("completion_tokens", usage.Output);
        w.WriteNumber("total_tokens", usage.Total);
        w.WriteStartObject("prompt_tokens_details");
        w.WriteNumber("cached_tokens", usage.Cached);
        w.WriteEndObject();
        if (usage.Reasoning > 0)
        {
            w.WriteStartObject("completion_tokens_details");
            w.WriteNumber("reasoning_tokens", usage.Reasoning);
            w.WriteEndObject();
        }

        w.WriteNumber("prompt_cache_hit_tokens", usage.Cached);
        w.WriteNumber("prompt_cache_miss_tokens", usage.CacheMiss);
        w.WriteEndObject();
    }
}
