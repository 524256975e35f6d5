namespace ChineseLlm.Client.Redis;

/// <summary>Default values of <see cref="ChineseLlmRedisOptions"/> and fleet-mode constants, in one place so docs and tests agree.</summary>
internal static class RedisDefaults
{
    public const string KeyPrefix = "default";
    public const int MaxKeyPrefixLength = 64;
    public const RedisUnavailablePolicy WhenUnavailable = RedisUnavailablePolicy.FailClosed;
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan KeyRetention = TimeSpan.FromDays(45);

    public static readonly TimeSpan MinConnectTimeout = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan MinOperationTimeout = TimeSpan.FromMilliseconds(10);
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(1);

    /// <summary>Longer than the longest budget period (31 days), so a period's totals never vanish while it is current.</summary>
    public static readonly TimeSpan MinKeyRetention = TimeSpan.FromDays(32);

    /// <summary>Ten years: far beyond any use, and well inside what <c>EXPIRE</c> takes in seconds.</summary>
    public static readonly TimeSpan MaxKeyRetention = TimeSpan.FromDays(3650);

    /// <summary>How long a settled or released reservation id is remembered, so that a repeated settle or release changes nothing.</summary>
    public static readonly TimeSpan ClosedRetention = TimeSpan.FromDays(1);

    /// <summary>The rate-limit window: vendors publish limits per minute.</summary>
    public static readonly TimeSpan RateWindow = TimeSpan.FromMinutes(1);

    /// <summary>How many unrecorded costs (calls let through by <see cref="RedisUnavailablePolicy.FailOpen"/>) one instance keeps for Redis's return.</summary>
    public const int MaxPendingCosts = 10_000;

    /// <summary>Amounts are stored with this many decimal places of a yuan (10⁻¹⁵ CNY): exact for every catalog price.</summary>
    public const int AmountScale = 15;

    /// <summary>The name errors carry when no provider caused them (the router's own name).</summary>
    public const string RouterName = "router";

    /// <summary>The client name this library's own connections show in <c>CLIENT LIST</c>.</summary>
    public const string ClientName = "chinesellm";
}
