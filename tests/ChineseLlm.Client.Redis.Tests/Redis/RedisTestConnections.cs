using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Redis;

/// <summary>Builds fleet-mode connections to the test server, one key prefix per test.</summary>
internal static class RedisTestConnections
{
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    public static RedisConnection Create(RedisServerFixture redis, string prefix, TimeProvider timeProvider, Action<ChineseLlmRedisOptions>? configure = null)
    {
        // A generous operation timeout where timing is not under test: a cold test process on a busy machine is slow.
        var options = new ChineseLlmRedisOptions { ConnectionString = redis.EndPoint, KeyPrefix = prefix, OperationTimeout = Generous };
        configure?.Invoke(options);
        return new RedisConnection(options, timeProvider);
    }

    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);

    public static FakeTimeProvider Clock() => new(Start);
}
