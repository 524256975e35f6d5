namespace ChineseLlm.Client.Http;

/// <summary>Converts the Unix times vendors send (<c>created</c>) without trusting them to be in range.</summary>
internal static class UnixTime
{
    private static readonly long MinSeconds = DateTimeOffset.MinValue.ToUnixTimeSeconds();
    private static readonly long MaxSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    /// <summary>Returns the time, or <see langword="null"/> when absent or outside what <see cref="DateTimeOffset"/> can hold
    /// (<see cref="DateTimeOffset.FromUnixTimeSeconds"/> would throw <see cref="ArgumentOutOfRangeException"/>).</summary>
    public static DateTimeOffset? FromSeconds(long? seconds) =>
        seconds is { } s && s >= MinSeconds && s <= MaxSeconds ? DateTimeOffset.FromUnixTimeSeconds(s) : null;
}
