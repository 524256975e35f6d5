namespace ChineseLlm.Client.Redis;

/// <summary>Lets a recurring warning through at most once per interval, so an outage is logged without a line per call.</summary>
internal sealed class LogThrottle(TimeProvider timeProvider)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private long _next = long.MinValue;

    /// <summary>Returns <see langword="true"/> for the first call of each interval.</summary>
    public bool ShouldLog()
    {
        var now = timeProvider.GetUtcNow().UtcTicks;
        var next = Interlocked.Read(ref _next);
        return now >= next && Interlocked.CompareExchange(ref _next, now + Interval.Ticks, next) == next;
    }
}
