namespace ChineseLlm.Client.Redis;

/// <summary>Whether a call may go to a provider now; when not, which limit held it back and when to retry.</summary>
internal readonly record struct RateLimitDecision(bool Allowed, string? Limit, TimeSpan RetryAfter)
{
    public static RateLimitDecision Allow { get; } = new(true, null, TimeSpan.Zero);
}
