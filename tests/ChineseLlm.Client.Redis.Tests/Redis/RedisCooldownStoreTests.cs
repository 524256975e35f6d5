using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Redis;

[Collection(RedisServerGroup.Name)]
public sealed class RedisCooldownStoreTests(RedisServerFixture redis)
{
    private readonly string _prefix = RedisServerFixture.NewPrefix();
    private readonly FakeTimeProvider _clock = RedisTestConnections.Clock();

    [Fact]
    public async Task StartAsync_SeenByAnotherConnection_UntilItEnds()
    {
        await using var first = RedisTestConnections.Create(redis, _prefix, _clock);
        await using var second = RedisTestConnections.Create(redis, _prefix, _clock);
        var until = _clock.GetUtcNow().AddMinutes(10);

        Assert.True(await new RedisCooldownStore(first).StartAsync("DeepSeek", LlmErrorKind.QuotaExceeded, until, TimeSpan.FromMinutes(10), default));

        var seen = await new RedisCooldownStore(second).GetAsync(["deepseek", "kimi"], _clock.GetUtcNow(), default);
        var cooldown = Assert.Single(seen);
        Assert.Equal(("deepseek", LlmErrorKind.QuotaExceeded, until), cooldown);

        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Empty(await new RedisCooldownStore(second).GetAsync(["deepseek"], _clock.GetUtcNow(), default));
    }

    [Fact]
    public async Task StartAsync_ShorterThanCurrent_KeepsLonger()
    {
        await using var connection = RedisTestConnections.Create(redis, _prefix, _clock);
        var store = new RedisCooldownStore(connection);
        var longer = _clock.GetUtcNow().AddMinutes(30);
        await store.StartAsync("kimi", LlmErrorKind.Authentication, longer, TimeSpan.FromMinutes(30), default);

        Assert.False(await store.StartAsync("kimi", LlmErrorKind.QuotaExceeded, _clock.GetUtcNow().AddMinutes(5), TimeSpan.FromMinutes(5), default));

        var cooldown = Assert.Single(await store.GetAsync(["kimi"], _clock.GetUtcNow(), default));
        Assert.Equal((LlmErrorKind.Authentication, longer), (cooldown.Reason, cooldown.Until));
    }

    [Fact]
    public async Task StartAsync_KeyExpiresWithCooldown()
    {
        await using var connection = RedisTestConnections.Create(redis, _prefix, _clock);
        await new RedisCooldownStore(connection).StartAsync("qwen", LlmErrorKind.PermissionDenied, _clock.GetUtcNow().AddMinutes(3), TimeSpan.FromMinutes(3), default);

        var db = redis.Admin.GetDatabase();
        var key = $"chinesellm:{_prefix}:cooldown:{{qwen}}";
        Assert.StartsWith("PermissionDenied|", (string?)await db.StringGetAsync(key));
        Assert.InRange((await db.KeyTimeToLiveAsync(key))!.Value, TimeSpan.FromMinutes(2.9), TimeSpan.FromMinutes(3));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("|123")]
    [InlineData("NotAKind|123")]
    [InlineData("QuotaExceeded|soon")]
    public void TryParse_Malformed_IsIgnored(string value)
    {
        Assert.False(RedisCooldownStore.TryParse(value, out _, out _));
    }
}
