using ChineseLlm.Client.Providers.Hunyuan.Wire;
using static ChineseLlm.Client.Http.WireMapping;

namespace ChineseLlm.Client.Providers.Hunyuan;

/// <summary>Streaming: native SSE events → <see cref="ChatResponseUpdate"/>s, tool-call fragments merged by id.</summary>
internal sealed partial class HunyuanNativeProtocol
{
    /// <summary>Maps one event; returns <see langword="null"/> for events that carry nothing for the caller.</summary>
    internal static ChatResponseUpdate? FromHunyuanChunk(HunyuanChatCompletionsResponse chunk, StreamState state)
    {
        if (chunk.Error is { } error)
        {
            throw HunyuanErrorMapper.Instance.FromHunyuanError(error, 200, chunk.RequestId ?? state.RequestId);
        }

        if (chunk.ErrorMsg is { } streamError)
        {
            throw HunyuanErrorMapper.Instance.FromStreamError(streamError, state.RequestId);
        }

        state.ResponseId ??= chunk.Id;
        state.Created ??= chunk.Created;

        // Quirk (docs/protocols/hunyuan.md): usage is running: each event carries the total so far, so the last one wins (never a sum).
        if (chunk.Usage is { } usage)
        {
            state.Usage = usage;
        }

        List<AIContent>? contents = null;
        ChatFinishReason? finish = null;
        if (chunk.Choices is { Count: > 0 } choices)
        {
            var choice = choices[0];
            if (choice.Delta is { } delta)
            {
                contents = DeltaContents(delta.ReasoningContent, delta.Content);
                if (delta.ToolCalls is { } fragments)
                {
                    foreach (var fragment in fragments)
                    {
                        state.AppendToolCall(fragment);
                    }
                }
            }

            // Quirk (docs/protocols/hunyuan.md): FinishReason is "" on every event but the last.
            if (!string.IsNullOrEmpty(choice.FinishReason))
            {
                state.FinishReason = choice.FinishReason;
                finish = WireMapping.FromWireFinishReason(choice.FinishReason);
            }
        }

        return EventUpdate(contents, finish, state.ResponseId, state.Model, state.CreatedAt, chunk);
    }

    /// <summary>The final update: merged tool calls, the last usage and the finish reason. Throws when the stream was cut short.</summary>
    internal static ChatResponseUpdate CompleteNativeStream(StreamState state)
    {
        if (state.FinishReason is null)
        {
            // Without [DONE], a connection closed early looks like the end: only the finish reason tells them apart.
            throw IncompleteStream(ProviderKey, "the provider sent a finish reason", state.RequestId);
        }

        return FinalUpdate(
            ToolCallContents(state.ToolCalls, static (call, i) => CallIdOrSynthesized(call.Id, i)),
            state.Usage is { } usage ? FromHunyuanUsage(usage) : null,
            state.ResponseId, state.Model, state.CreatedAt, WireMapping.FromWireFinishReason(state.FinishReason), state.RequestId);
    }

    /// <summary>What a native stream has accumulated so far.</summary>
    internal sealed class StreamState(string model, string? requestId)
    {
        private readonly List<StreamedToolCall> _toolCalls = [];

        public string Model { get; } = model;

        public string? RequestId { get; } = requestId;

        public string? ResponseId { get; set; }

        public long? Created { get; set; }

        public DateTimeOffset? CreatedAt => UnixTime.FromSeconds(Created);

        public string? FinishReason { get; set; }

        public HunyuanUsage? Usage { get; set; }

        public IReadOnlyList<StreamedToolCall> ToolCalls => _toolCalls;

        /// <summary>
        /// Quirk (docs/protocols/hunyuan.md, tccli streaming tool-call example): fragments are merged by <c>Id</c>; a later fragment repeats the
        /// id with an empty <c>Name</c>. Without an id, the <c>Index</c> decides; without either, the last call continues.
        /// </summary>
        public void AppendToolCall(HunyuanToolCall fragment)
        {
            StreamedToolCall? target = null;
            if (!string.IsNullOrEmpty(fragment.Id))
            {
                target = _toolCalls.Find(c => c.Id == fragment.Id);
            }
            else if (fragment.Index is { } index)
            {
                target = _toolCalls.Find(c => c.Index == index);
            }
            else if (_toolCalls.Count > 0 && string.IsNullOrEmpty(fragment.Function?.Name))
            {
                target = _toolCalls[^1];
            }

            if (target is null)
            {
                target = new StreamedToolCall(fragment.Index ?? _toolCalls.Count) { Id = string.IsNullOrEmpty(fragment.Id) ? null : fragment.Id };
                _toolCalls.Add(target);
            }

            if (!string.IsNullOrEmpty(fragment.Function?.Name))
            {
                target.Name ??= fragment.Function.Name;
            }

            target.Arguments.Append(fragment.Function?.Arguments);
        }
    }
}
