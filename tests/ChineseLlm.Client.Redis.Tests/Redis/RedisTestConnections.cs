using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Redis;

/// <summary>Builds fleet-mode connections to the test server, one key prefix per test.</summary>
internal static class RedisTestConnections
{
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    public static RedisConnection Create(RedisServerFixture redis, string prefix, TimeProvider timeProvider, Action<ChineseLlmRedisOptions>? configure = null)
    {
        var options = new ChineseLlmRedisOptions { ConnectionString = redis.EndPoint, KeyPrefix = prefix };
        configure?.Invoke(options);
        return new RedisConnection(options, timeProvider);
    }

    public static FakeTimeProvider Clock() => new(Start);
}
