using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Log = ChineseLlm.Client.Routing.Log;

namespace ChineseLlm.Client;

/// <summary>Streaming: the same routing, failing over only before the first update reached the caller.</summary>
public sealed partial class CostAwareChatClient
{
    /// <summary>Routes one streaming call (traced by <see cref="GetStreamingResponseAsync"/>).</summary>
    /// <remarks>
    /// The final update carries the provider, the cost and the routing decision (and the usage, when the provider
    /// reported it). An update that carries usage is held back until the next update arrives, so that the final one can
    /// be annotated without delaying any text.
    /// </remarks>
    private async IAsyncEnumerable<ChatResponseUpdate> RouteStreamingAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (list, call) = await StartAsync(messages, options, cancellationToken).ConfigureAwait(false);
        Exception? lastFailure = null;
        while (call.Next() is { } candidate)
        {
            IAsyncEnumerator<ChatResponseUpdate>? enumerator = null;
            var hasCurrent = false;
            Exception? startFailure = null;
            var reservation = await ReserveAsync(call, candidate, lastFailure, cancellationToken).ConfigureAwait(false);
            var startedAt = _timeProvider.GetUtcNow();
            var started = _timeProvider.GetTimestamp();
            try
            {
                enumerator = candidate.Client.GetStreamingResponseAsync(list, OptionsFor(options, candidate), cancellationToken).GetAsyncEnumerator(cancellationToken);
                hasCurrent = await enumerator.MoveNextAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                startFailure = ex;
            }

            if (startFailure is not null)
            {
                await DisposeQuietlyAsync(enumerator).ConfigureAwait(false);
                await ReleaseAsync(reservation).ConfigureAwait(false);
                lastFailure = await OnFailureAsync(call, candidate, startFailure, _timeProvider.GetElapsedTime(started), cancellationToken).ConfigureAwait(false);
                continue;
            }

            // From here on the caller sees output: no failover.
            var tail = new StreamTail();
            Exception? failure = null;
            var completed = false;
            try
            {
                while (hasCurrent)
                {
                    if (tail.Accept(enumerator!.Current) is { } ready)
                    {
                        yield return ready;
                    }

                    if (tail.TakeReleased() is { } released)
                    {
                        yield return released;
                    }

                    try
                    {
                        hasCurrent = await enumerator.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (Exception ex)
                    {
                        failure = ex;
                        break;
                    }
                }

                completed = failure is null;
            }
            finally
            {
                await DisposeQuietlyAsync(enumerator).ConfigureAwait(false);
                if (!completed)
                {
                    // The provider produced output and bills it; without its usage the estimate is the best count.
                    await SettleAsync(reservation, candidate.Estimate ?? 0m).ConfigureAwait(false);
                    var canceled = failure is null || (failure is OperationCanceledException && cancellationToken.IsCancellationRequested);
                    var kind = failure is null ? null : (LlmErrorKind?)((failure as ChineseLlmException)?.Kind);
                    call.Record(candidate, cost: null, canceled ? RoutingAttemptOutcome.Canceled : RoutingAttemptOutcome.Failed, failure, kind, _timeProvider.GetElapsedTime(started));
                    if (failure is not null)
                    {
                        call.Attach(failure);
                    }
                }
            }

            if (failure is not null)
            {
                ExceptionDispatchInfo.Throw(failure);
            }

            var cost = Price(candidate, tail.Usage, startedAt);
            await SettleAsync(reservation, cost ?? candidate.Estimate ?? 0m).ConfigureAwait(false);
            call.Record(candidate, cost, RoutingAttemptOutcome.Succeeded, error: null, kind: null, _timeProvider.GetElapsedTime(started));
            var final = tail.Complete(candidate.ModelId);
            ChatResponseRoutingExtensions.Record(final.AdditionalProperties ??= [], candidate.Provider, cost, call.Decide(candidate, cost));
            Log.RouteCompleted(_logger, candidate.Provider, candidate.ModelId, cost, call.AttemptCount);
            yield return final;
            yield break;
        }

        throw call.Exhausted(lastFailure);
    }

    private static async ValueTask DisposeQuietlyAsync(IAsyncEnumerator<ChatResponseUpdate>? enumerator)
    {
        if (enumerator is null)
        {
            return;
        }

        try
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The attempt's own outcome (success or its first failure) is what the caller needs; a failing dispose adds nothing.
        }
    }

    /// <summary>
    /// Passes updates through, holding back the latest one that carries usage so that the stream's final update can be
    /// annotated; tracks the ids and the usage.
    /// </summary>
    private sealed class StreamTail
    {
        private ChatResponseUpdate? _held;
        private ChatResponseUpdate? _released;
        private ChatResponseUpdate? _last;

        public UsageDetails? Usage { get; private set; }

        /// <summary>Takes an update; returns the one to yield now, if any (then call <see cref="TakeReleased"/>).</summary>
        public ChatResponseUpdate? Accept(ChatResponseUpdate update)
        {
            _last = update;
            var hasUsage = false;
            foreach (var content in update.Contents)
            {
                if (content is UsageContent usage)
                {
                    (Usage ??= new()).Add(usage.Details);
                    hasUsage = true;
                }
            }

            var previous = _held;
            _held = null;
            if (hasUsage)
            {
                _held = update;
                return previous;
            }

            if (previous is null)
            {
                return update;
            }

            _released = update;
            return previous;
        }

        /// <summary>Returns the second update released by the last <see cref="Accept"/>, if any.</summary>
        public ChatResponseUpdate? TakeReleased()
        {
            var released = _released;
            _released = null;
            return released;
        }

        /// <summary>Returns the final update: the held one, or a new one that continues the last message.</summary>
        public ChatResponseUpdate Complete(string modelId)
        {
            var final = _held ?? new ChatResponseUpdate
            {
                ResponseId = _last?.ResponseId,
                MessageId = _last?.MessageId,
                ConversationId = _last?.ConversationId,
                CreatedAt = _last?.CreatedAt,
            };
            final.ModelId ??= _last?.ModelId ?? modelId;
            return final;
        }
    }
}
