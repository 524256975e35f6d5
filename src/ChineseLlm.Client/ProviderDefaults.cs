namespace ChineseLlm.Client;

/// <summary>Default values of <see cref="ChineseLlmProviderOptions"/>, in one place so docs and tests agree.</summary>
internal static class ProviderDefaults
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromMinutes(3);
    public static readonly TimeSpan StreamIdleTimeout = TimeSpan.FromSeconds(90);
    public const int MaxRetryAttempts = 2;

    /// <summary>The largest response body or event stream read by default (32 MiB; a long reasoning stream is a few MB).</summary>
    public const long MaxResponseBytes = 32L * 1024 * 1024;

    /// <summary>The smallest <see cref="ChineseLlmProviderOptions.MaxResponseBytes"/> accepted (64 KiB).</summary>
    public const long MinMaxResponseBytes = 64L * 1024;

    /// <summary>The largest <see cref="ChineseLlmProviderOptions.MaxResponseBytes"/> accepted (1 GiB).</summary>
    public const long MaxMaxResponseBytes = 1024L * 1024 * 1024;

    /// <summary>The shortest timeout the resilience pipeline accepts (Polly's <c>TimeoutStrategyOptions</c> range).</summary>
    public static readonly TimeSpan MinimumTimeout = TimeSpan.FromMilliseconds(10);

    /// <summary>The longest finite timeout the resilience pipeline accepts (Polly's <c>TimeoutStrategyOptions</c> range).</summary>
    public static readonly TimeSpan MaximumTimeout = TimeSpan.FromDays(1);

    /// <summary>The base of the exponential backoff between retries (jittered).</summary>
    public static readonly TimeSpan RetryBaseDelay = TimeSpan.FromSeconds(1);

    /// <summary>The longest a Retry-After (header or message) is honoured; longer waits are not retried.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>Circuit breaker: failure ratio over the sampling window that opens the circuit.</summary>
    public const double BreakerFailureRatio = 0.5;
    public const int BreakerMinimumThroughput = 10;
    public static readonly TimeSpan BreakerSamplingDuration = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan BreakerBreakDuration = TimeSpan.FromSeconds(15);
}
