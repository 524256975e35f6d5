using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Faults;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports every short timer the library starts (retry back-offs, Retry-After
/// waits) so a test can check the delay and then advance past it, instead of sleeping. Long timers (the call and
/// attempt timeouts, set to minutes in these tests) are not reported.
/// </summary>
public sealed class DelayRecordingTimeProvider : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _pending = Channel.CreateUnbounded<TimeSpan>();

    /// <param name="longest">Timers due no later than this are reported as delays (default one minute).</param>
    public DelayRecordingTimeProvider(TimeSpan? longest = null)
    {
        Longest = longest ?? TimeSpan.FromMinutes(1);
    }

    /// <summary>Gets the longest due time that is reported as a delay.</summary>
    public TimeSpan Longest { get; }

    /// <summary>Gets every reported delay, in creation order.</summary>
    public ConcurrentQueue<TimeSpan> Delays { get; } = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime > TimeSpan.Zero && dueTime <= Longest)
        {
            Delays.Enqueue(dueTime);
            _pending.Writer.TryWrite(dueTime);
        }

        return timer;
    }

    /// <summary>
    /// Awaits <paramref name="call"/>, advancing the clock past each short delay the library starts meanwhile (so
    /// retries happen at once in real time while their delays are still recorded exactly).
    /// </summary>
    public async Task<T> RunAsync<T>(Task<T> call, TimeSpan? realTimeLimit = null)
    {
        await RunAsync((Task)call, realTimeLimit);
        return await call;
    }

    /// <inheritdoc cref="RunAsync{T}(Task{T}, TimeSpan?)"/>
    public async Task RunAsync(Task call, TimeSpan? realTimeLimit = null)
    {
        using var limit = new CancellationTokenSource(realTimeLimit ?? TimeSpan.FromSeconds(20));
        while (!call.IsCompleted)
        {
            var waiting = _pending.Reader.WaitToReadAsync(limit.Token).AsTask();
            var done = await Task.WhenAny(call, waiting);
            if (done == call)
            {
                break;
            }

            await waiting; // throws when the real-time limit passed: the call hangs
            while (_pending.Reader.TryRead(out var delay))
            {
                Advance(delay);
            }
        }
    }
}
