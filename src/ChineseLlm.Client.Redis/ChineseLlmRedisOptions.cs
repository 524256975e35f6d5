using ChineseLlm.Client.Redis;

namespace ChineseLlm.Client;

/// <summary>
/// Settings of fleet mode: the Redis server every app instance shares for the router's budget, provider cooldowns
/// and rate limits. Bound from <c>ChineseLlm:Redis</c>.
/// </summary>
/// <remarks>
/// Every key lives under <c>chinesellm:&lt;KeyPrefix&gt;:</c>, so several apps (or environments) can share one Redis
/// with different prefixes, and instances of one app must use the same prefix to share a budget.
/// </remarks>
public sealed class ChineseLlmRedisOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "ChineseLlm:Redis";

    /// <summary>
    /// Gets or sets the StackExchange.Redis configuration string, such as <c>redis.internal:6379,password=…</c>.
    /// Not needed when a connection is passed to <c>UseRedis</c>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    /// <remarks>
    /// The library's own settings win over the string's: <c>abortConnect=false</c> (the client connects in the
    /// background and reconnects by itself), <see cref="ConnectTimeout"/>, <see cref="OperationTimeout"/>, and
    /// commands fail at once instead of queueing while the connection is down.
    /// </remarks>
    public string? ConnectionString { get; set; }

    /// <summary>Gets or sets the name that separates this app's keys from others in the same Redis.</summary>
    /// <value>The default value is <c>default</c>. 1 to 64 characters: letters, digits, <c>.</c>, <c>_</c>, <c>-</c> and <c>:</c>.</value>
    public string KeyPrefix { get; set; } = RedisDefaults.KeyPrefix;

    /// <summary>Gets or sets how long connecting to Redis may take.</summary>
    /// <value>The default value is 2 seconds. Must be between 100 milliseconds and 1 minute.</value>
    public TimeSpan ConnectTimeout { get; set; } = RedisDefaults.ConnectTimeout;

    /// <summary>Gets or sets how long one Redis operation (a budget script, a cooldown read) may take before it counts as Redis being unavailable.</summary>
    /// <value>The default value is 1 second. Must be between 10 milliseconds and 1 minute.</value>
    public TimeSpan OperationTimeout { get; set; } = RedisDefaults.OperationTimeout;

    /// <summary>Gets or sets what happens to a budgeted call while Redis is unavailable.</summary>
    /// <value>The default value is <see cref="RedisUnavailablePolicy.FailClosed"/>: the call is refused with <see cref="LlmErrorKind.BudgetExceeded"/>.</value>
    public RedisUnavailablePolicy WhenUnavailable { get; set; } = RedisDefaults.WhenUnavailable;

    /// <summary>
    /// Gets or sets how long a budget period's keys are kept after their last change. A new period uses new keys, so
    /// this only decides when Redis forgets old periods.
    /// </summary>
    /// <value>The default value is 45 days. Must be between 32 days (longer than the longest budget period, a month) and 3,650 days.</value>
    public TimeSpan KeyRetention { get; set; } = RedisDefaults.KeyRetention;

    /// <summary>
    /// Gets the fleet-wide rate limits per provider key (<c>deepseek</c>, <c>qwen</c>, …; case-insensitive)
    /// (<c>ChineseLlm:Redis:RateLimits:&lt;provider&gt;</c>).
    /// </summary>
    /// <value>The default value is empty: no fleet rate limits.</value>
    public IDictionary<string, ProviderRateLimitOptions> RateLimits { get; } = new Dictionary<string, ProviderRateLimitOptions>(StringComparer.OrdinalIgnoreCase);
}
