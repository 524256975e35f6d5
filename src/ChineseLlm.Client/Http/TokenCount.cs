namespace ChineseLlm.Client.Http;

/// <summary>
/// Token counts read from a vendor's usage: a negative count means nothing and is dropped (the caller sees no count,
/// the router then charges the estimate); a total the vendor left out is the sum, computed without overflow.
/// </summary>
internal static class TokenCount
{
    /// <summary>Returns <paramref name="count"/> when it is zero or more, else <see langword="null"/>.</summary>
    public static long? Sane(long? count) => count is >= 0 ? count : null;

    /// <summary>Returns the vendor's total when sane, else the sum of the sane parts (null when both are unknown).</summary>
    public static long? Total(long? total, long? input, long? output) =>
        Sane(total) ?? (Sane(input) is null && Sane(output) is null ? null : (Sane(input) ?? 0) + (Sane(output) ?? 0));
}
