using ChineseLlm.Client.Routing;
using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Redis;

[Collection(RedisServerGroup.Name)]
public sealed class RedisProviderHealthTests(RedisServerFixture redis)
{
    private readonly FakeTimeProvider _clock = RedisTestConnections.Clock();

    [Fact]
    public async Task StartCooldownAsync_SeenByAnotherInstance()
    {
        var prefix = RedisServerFixture.NewPrefix();
        await using var first = RedisTestConnections.Create(redis, prefix, _clock);
        await using var second = RedisTestConnections.Create(redis, prefix, _clock);

        await new RedisProviderHealth(first).StartCooldownAsync("DeepSeek", LlmErrorKind.Authentication, TimeSpan.FromMinutes(5));
        var cooldowns = await new RedisProviderHealth(second).GetCooldownsAsync(["deepseek", "kimi"]);

        var cooldown = Assert.Single(cooldowns).Value;
        Assert.Equal(new ProviderCooldown("deepseek", LlmErrorKind.Authentication, _clock.GetUtcNow().AddMinutes(5)), cooldown);
        Assert.True(cooldowns.ContainsKey("DEEPSEEK"));
    }

    [Fact]
    public async Task GetCooldownsAsync_RedisDown_UsesOwnCooldownsAndNeverThrows()
    {
        await using var connection = new RedisConnection(
            new ChineseLlmRedisOptions { ConnectionString = "127.0.0.1:" + RedisConnectionTests.ClosedPort(), ConnectTimeout = TimeSpan.FromMilliseconds(300) }, _clock);
        var health = new RedisProviderHealth(connection);

        await health.StartCooldownAsync("kimi", LlmErrorKind.QuotaExceeded, TimeSpan.FromMinutes(10));
        var during = await health.GetCooldownsAsync(["kimi", "deepseek"]);
        _clock.Advance(TimeSpan.FromMinutes(10));
        var after = await health.GetCooldownsAsync(["kimi", "deepseek"]);

        Assert.Equal(LlmErrorKind.QuotaExceeded, Assert.Single(during).Value.Reason);
        Assert.Empty(after);
    }

    [Fact]
    public async Task StartCooldownAsync_ZeroDuration_DoesNothing()
    {
        var prefix = RedisServerFixture.NewPrefix();
        await using var connection = RedisTestConnections.Create(redis, prefix, _clock);
        var health = new RedisProviderHealth(connection);

        await health.StartCooldownAsync("qwen", LlmErrorKind.QuotaExceeded, TimeSpan.Zero);

        Assert.Empty(await health.GetCooldownsAsync(["qwen"]));
        Assert.False(await redis.Admin.GetDatabase().KeyExistsAsync($"chinesellm:{prefix}:cooldown:{{qwen}}"));
    }
}
