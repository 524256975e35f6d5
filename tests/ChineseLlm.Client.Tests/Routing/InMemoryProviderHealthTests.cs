using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Routing;

public sealed class InMemoryProviderHealthTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task GetCooldownsAsync_DuringAndAfterCooldown_ReportsThenForgets()
    {
        var health = new InMemoryProviderHealth(_time);
        await health.StartCooldownAsync("Kimi", LlmErrorKind.QuotaExceeded, TimeSpan.FromMinutes(10));

        var during = await health.GetCooldownsAsync(["kimi", "deepseek"]);
        _time.Advance(TimeSpan.FromMinutes(10));
        var after = await health.GetCooldownsAsync(["kimi", "deepseek"]);

        var cooldown = Assert.Single(during).Value;
        Assert.Equal(new ProviderCooldown("kimi", LlmErrorKind.QuotaExceeded, _time.GetUtcNow()), cooldown);
        Assert.Empty(after);
    }

    [Fact]
    public async Task StartCooldownAsync_ShorterSecondCooldown_KeepsTheLongerOne()
    {
        var health = new InMemoryProviderHealth(_time);
        await health.StartCooldownAsync("kimi", LlmErrorKind.Authentication, TimeSpan.FromMinutes(30));
        await health.StartCooldownAsync("kimi", LlmErrorKind.QuotaExceeded, TimeSpan.FromMinutes(5));

        var cooldowns = await health.GetCooldownsAsync(["kimi"]);

        Assert.Equal(LlmErrorKind.Authentication, cooldowns["kimi"].Reason);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromMinutes(30), cooldowns["kimi"].Until);
    }

    [Fact]
    public async Task StartCooldownAsync_ZeroDuration_DoesNothing()
    {
        var health = new InMemoryProviderHealth(_time);

        await health.StartCooldownAsync("kimi", LlmErrorKind.QuotaExceeded, TimeSpan.Zero);

        Assert.Empty(await health.GetCooldownsAsync(["kimi"]));
    }
}
