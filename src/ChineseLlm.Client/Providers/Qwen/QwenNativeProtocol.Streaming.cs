using ChineseLlm.Client.Providers.Qwen.Wire;
using static ChineseLlm.Client.Http.WireMapping;

namespace ChineseLlm.Client.Providers.Qwen;

/// <summary>Streaming: incremental SSE events → <see cref="ChatResponseUpdate"/>s, tool-call fragments joined by index.</summary>
internal sealed partial class QwenNativeProtocol
{
    /// <summary>Maps one event; returns <see langword="null"/> for events that carry nothing for the caller.</summary>
    internal static ChatResponseUpdate? FromQwenEvent(string eventType, QwenGenerationResponse evt, StreamState state)
    {
        // Quirk (docs/protocols/qwen.md): failures arrive inside the 200 stream as event:error with a flat error body.
        if (eventType == "error" || (evt.Code is not null && evt.Output is null))
        {
            throw QwenErrorMapper.Instance.MapStreamError(evt.Code, evt.Message, evt.RequestId ?? state.RequestId);
        }

        state.RequestId = evt.RequestId ?? state.RequestId;

        // Quirk (docs/protocols/qwen.md): usage is cumulative in every event; the last one is the whole request's.
        if (evt.Usage is { } usage)
        {
            state.Usage = usage;
        }

        List<AIContent>? contents = null;
        string? finishReason;
        if (evt.Output?.Choices is { Count: > 0 } choices)
        {
            var choice = choices[0];
            if (choice.Message is { } delta)
            {
                contents = DeltaContents(delta.ReasoningContent, delta.Content?.GetText());
                if (delta.ToolCalls is { } fragments)
                {
                    foreach (var fragment in fragments)
                    {
                        state.AppendToolCall(fragment);
                    }
                }
            }

            finishReason = choice.FinishReason;
        }
        else
        {
            if (evt.Output?.Text is { Length: > 0 } text)
            {
                (contents ??= []).Add(new TextContent(text));
            }

            finishReason = evt.Output?.FinishReason;
        }

        // Quirk (docs/protocols/qwen.md): the string "null" means "not finished yet".
        ChatFinishReason? finish = null;
        if (finishReason is not (null or "" or "null"))
        {
            state.FinishReason = finishReason;
            finish = FromQwenFinishReason(finishReason, state.ToolCalls.Count > 0);
        }

        return EventUpdate(contents, finish, state.RequestId, state.Model, createdAt: null, evt);
    }

    /// <summary>The final update: joined tool calls, the last usage and the finish reason. Throws when the stream was cut short.</summary>
    internal static ChatResponseUpdate CompleteQwenStream(StreamState state)
    {
        if (state.FinishReason is null)
        {
            throw IncompleteStream(ProviderKey, "DashScope sent a finish reason", state.RequestId);
        }

        return FinalUpdate(
            ToolCallContents(state.ToolCalls, static (call, _) => call.Id),
            state.Usage is { } usage ? FromQwenUsage(usage) : null,
            state.RequestId, state.Model, createdAt: null, FromQwenFinishReason(state.FinishReason, state.ToolCalls.Count > 0), state.RequestId);
    }

    /// <summary>What a stream has accumulated so far.</summary>
    internal sealed class StreamState(string model, string? headerRequestId)
    {
        private readonly List<StreamedToolCall> _toolCalls = [];

        public string Model { get; } = model;

        /// <summary>The body's <c>request_id</c> once an event arrived, the <c>x-request-id</c> header before.</summary>
        public string? RequestId { get; set; } = headerRequestId;

        public string? FinishReason { get; set; }

        public QwenUsage? Usage { get; set; }

        public IReadOnlyList<StreamedToolCall> ToolCalls => _toolCalls;

        /// <summary>
        /// Quirk (docs/protocols/qwen.md): the first fragment of a call has its id and name; continuations carry <c>"id":""</c> and no
        /// name. Fragments join by <c>index</c>, and an empty id or name never overwrites a real one.
        /// </summary>
        public void AppendToolCall(QwenToolCall fragment)
        {
            StreamedToolCall? target = null;
            foreach (var call in _toolCalls)
            {
                if ((fragment.Index is { } index && call.Index == index) ||
                    (fragment.Index is null && !string.IsNullOrEmpty(fragment.Id) && call.Id == fragment.Id))
                {
                    target = call;
                    break;
                }
            }

            if (target is null && fragment.Index is null && string.IsNullOrEmpty(fragment.Id) && _toolCalls.Count > 0)
            {
                target = _toolCalls[^1]; // an index-less continuation belongs to the call being streamed
            }

            if (target is null)
            {
                target = new StreamedToolCall(fragment.Index ?? _toolCalls.Count);
                _toolCalls.Add(target);
            }

            if (!string.IsNullOrEmpty(fragment.Id))
            {
                target.Id ??= fragment.Id;
            }

            if (!string.IsNullOrEmpty(fragment.Type))
            {
                target.Type ??= fragment.Type;
            }

            if (!string.IsNullOrEmpty(fragment.Function?.Name))
            {
                target.Name ??= fragment.Function.Name;
            }

            target.Arguments.Append(fragment.Function?.Arguments);
        }
    }
}
