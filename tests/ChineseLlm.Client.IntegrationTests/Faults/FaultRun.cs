using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Faults;

/// <summary>Runs a call under a hard real-time limit and reports how it ended and how long it took.</summary>
public static class FaultRun
{
    /// <summary>No single fault case may take longer than this: a call still running then is a hang.</summary>
    public static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(15);

    public static IReadOnlyList<ChatMessage> Hello { get; } = [new(ChatRole.User, "你好")];

    /// <summary>Awaits a call that must fail with <see cref="ChineseLlmException"/>; returns it and the elapsed time.</summary>
    public static async Task<(ChineseLlmException Error, TimeSpan Elapsed)> FailureAsync(Func<Task> call)
    {
        var watch = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => call().WaitAsync(HangLimit));
        return (ex, watch.Elapsed);
    }

    /// <summary>Reads a stream to its end or its failure; returns the updates that arrived before it ended.</summary>
    public static async Task<StreamOutcome> StreamAsync(IAsyncEnumerable<ChatResponseUpdate> stream, Action<ChatResponseUpdate>? onUpdate = null)
    {
        var watch = Stopwatch.StartNew();
        var updates = new List<ChatResponseUpdate>();
        var lastUpdateAt = TimeSpan.Zero;

        async Task ReadAsync()
        {
            await foreach (var update in stream)
            {
                updates.Add(update);
                lastUpdateAt = watch.Elapsed;
                onUpdate?.Invoke(update);
            }
        }

        try
        {
            await ReadAsync().WaitAsync(HangLimit);
            return new StreamOutcome(updates, null, watch.Elapsed, lastUpdateAt);
        }
        catch (Exception ex) when (ex is not TimeoutException)
        {
            return new StreamOutcome(updates, ex, watch.Elapsed, lastUpdateAt);
        }
    }
}
