using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Redis;

[Collection(RedisServerGroup.Name)]
public sealed class RedisRateLimiterTests(RedisServerFixture redis)
{
    private readonly string _prefix = RedisServerFixture.NewPrefix();
    private readonly FakeTimeProvider _clock = RedisTestConnections.Clock();

    [Fact]
    public async Task TryAcquireAsync_RequestsPerMinute_SharedAcrossConnections()
    {
        await using var first = RedisTestConnections.Create(redis, _prefix, _clock);
        await using var second = RedisTestConnections.Create(redis, _prefix, _clock);
        var limits = new ProviderRateLimitOptions { RequestsPerMinute = 5 };
        var limiters = new[] { new RedisRateLimiter(first), new RedisRateLimiter(second) };

        var decisions = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => limiters[i % 2].TryAcquireAsync("deepseek", limits, default)));

        Assert.Equal(5, decisions.Count(d => d.Allowed));
        var refused = decisions.First(d => !d.Allowed);
        Assert.Equal("requests", refused.Limit);
        Assert.InRange(refused.RetryAfter, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task TryAcquireAsync_SlidingWindow_FreesCapacityGradually()
    {
        _clock.SetUtcNow(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero)); // the start of a minute
        await using var connection = RedisTestConnections.Create(redis, _prefix, _clock);
        var limiter = new RedisRateLimiter(connection);
        var limits = new ProviderRateLimitOptions { RequestsPerMinute = 10 };
        for (var i = 0; i < 10; i++)
        {
            Assert.True((await limiter.TryAcquireAsync("kimi", limits, default)).Allowed);
        }

        // 30 s into the next minute, half of the previous minute still counts: 5 requests, so 5 more fit.
        _clock.Advance(TimeSpan.FromSeconds(90));
        var decisions = new List<RateLimitDecision>();
        for (var i = 0; i < 6; i++)
        {
            decisions.Add(await limiter.TryAcquireAsync("kimi", limits, default));
        }

        Assert.Equal(5, decisions.Count(d => d.Allowed));
        Assert.False(decisions[^1].Allowed);
    }

    [Fact]
    public async Task TryAcquireAsync_TokensPerMinute_RefusesOnceUsedUp()
    {
        await using var connection = RedisTestConnections.Create(redis, _prefix, _clock);
        var limiter = new RedisRateLimiter(connection);
        var limits = new ProviderRateLimitOptions { TokensPerMinute = 1_000 };
        Assert.True((await limiter.TryAcquireAsync("qwen", limits, default)).Allowed);
        await limiter.RecordTokensAsync("qwen", 600, default);
        Assert.True((await limiter.TryAcquireAsync("qwen", limits, default)).Allowed);
        await limiter.RecordTokensAsync("qwen", 400, default);

        var refused = await limiter.TryAcquireAsync("qwen", limits, default);

        Assert.False(refused.Allowed);
        Assert.Equal("tokens", refused.Limit);
        Assert.True((await limiter.TryAcquireAsync("deepseek", limits, default)).Allowed); // another provider has its own window
    }

    [Fact]
    public async Task TryAcquireAsync_AfterTwoMinutes_StartsFresh()
    {
        await using var connection = RedisTestConnections.Create(redis, _prefix, _clock);
        var limiter = new RedisRateLimiter(connection);
        var limits = new ProviderRateLimitOptions { RequestsPerMinute = 1 };
        Assert.True((await limiter.TryAcquireAsync("doubao", limits, default)).Allowed);
        Assert.False((await limiter.TryAcquireAsync("doubao", limits, default)).Allowed);

        _clock.Advance(TimeSpan.FromMinutes(2));

        Assert.True((await limiter.TryAcquireAsync("doubao", limits, default)).Allowed);
    }
}
