using ChineseLlm.Client.Redis;
using ChineseLlm.Client.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChineseLlm.Client.DependencyInjection;

[Collection(RedisServerGroup.Name)]
public sealed class ChineseLlmBuilderRedisExtensionsTests(RedisServerFixture redis)
{
    [Fact]
    public async Task UseRedis_ConnectionString_ReplacesInMemoryLedgerAndHealth()
    {
        await using var services = Build(b => b.UseRedis(redis.EndPoint, o => o.KeyPrefix = RedisServerFixture.NewPrefix()));

        Assert.IsType<RedisSpendLedger>(services.GetRequiredService<ISpendLedger>());
        Assert.IsType<RedisProviderHealth>(services.GetRequiredService<IProviderHealth>());
        Assert.Single(services.GetServices<ISpendLedger>());
        Assert.Single(services.GetServices<IProviderHealth>());
        Assert.True(services.GetRequiredService<RedisConnection>().OwnsConnection);
        Assert.NotNull(services.GetRequiredService<IChatClient>());
    }

    [Fact]
    public async Task UseRedis_Configuration_BindsChineseLlmRedisSection()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ChineseLlm:Redis:ConnectionString"] = redis.EndPoint,
            ["ChineseLlm:Redis:KeyPrefix"] = "shop-prod",
            ["ChineseLlm:Redis:OperationTimeout"] = "00:00:00.250",
            ["ChineseLlm:Redis:WhenUnavailable"] = "FailOpen",
            ["ChineseLlm:Redis:RateLimits:DeepSeek:RequestsPerMinute"] = "500",
            ["ChineseLlm:Redis:RateLimits:DeepSeek:TokensPerMinute"] = "2000000",
        }).Build();

        await using var services = Build(b => b.UseRedis(configuration));
        var options = services.GetRequiredService<IOptions<ChineseLlmRedisOptions>>().Value;

        Assert.Equal(("shop-prod", TimeSpan.FromMilliseconds(250), RedisUnavailablePolicy.FailOpen), (options.KeyPrefix, options.OperationTimeout, options.WhenUnavailable));
        var limits = options.RateLimits["deepseek"];
        Assert.Equal((500, 2_000_000L), (limits.RequestsPerMinute, limits.TokensPerMinute));
        Assert.Equal("chinesellm:shop-prod:", services.GetRequiredService<RedisConnection>().Keys.Root);
        Assert.IsType<RedisRateLimitingChatClient>(services.GetRequiredKeyedService<IChatClient>("deepseek"));
        Assert.IsNotType<RedisRateLimitingChatClient>(services.GetRequiredKeyedService<IChatClient>("kimi"));
    }

    [Fact]
    public async Task UseRedis_AppsConnection_NeedsNoConnectionStringAndIsNotDisposed()
    {
        await using (var services = Build(b => b.UseRedis(redis.Admin, o =>
        {
            o.KeyPrefix = RedisServerFixture.NewPrefix();
            o.OperationTimeout = RedisTestConnections.Generous;
        })))
        {
            _ = services.GetRequiredService<IOptions<ChineseLlmRedisOptions>>().Value; // valid without a connection string
            var summary = await services.GetRequiredService<ISpendLedger>().GetSummaryAsync("day:2026-11-21");
            Assert.Equal(0m, summary.Committed);
            Assert.False(services.GetRequiredService<RedisConnection>().OwnsConnection);
        }

        Assert.True(redis.Admin.IsConnected);
    }

    [Fact]
    public async Task UseRedis_CalledTwice_WrapsProviderClientsOnce()
    {
        await using var services = Build(b => b
            .UseRedis(redis.EndPoint, o => o.RateLimits["deepseek"] = new ProviderRateLimitOptions { RequestsPerMinute = 1 })
            .UseRedis(redis.EndPoint, o => o.KeyPrefix = "second"));

        var client = Assert.IsType<RedisRateLimitingChatClient>(services.GetRequiredKeyedService<IChatClient>("deepseek"));
        Assert.IsNotType<RedisRateLimitingChatClient>(client.Inner);
        Assert.Equal("chinesellm:second:", services.GetRequiredService<RedisConnection>().Keys.Root);
    }

    [Theory]
    [InlineData("KeyPrefix", "has space", "ChineseLlm:Redis:KeyPrefix must be 1 to 64 characters")]
    [InlineData("KeyPrefix", "{tag}", "ChineseLlm:Redis:KeyPrefix must be 1 to 64 characters")]
    [InlineData("ConnectTimeout", "00:00:00.050", "ChineseLlm:Redis:ConnectTimeout must be between")]
    [InlineData("OperationTimeout", "00:05:00", "ChineseLlm:Redis:OperationTimeout must be between")]
    [InlineData("KeyRetention", "7.00:00:00", "ChineseLlm:Redis:KeyRetention must be between 32 and 3650 days")]
    [InlineData("RateLimits:qwen:RequestsPerMinute", "0", "ChineseLlm:Redis:RateLimits:qwen:RequestsPerMinute must be at least 1")]
    [InlineData("RateLimits:qwen:TokensPerMinute", "-5", "ChineseLlm:Redis:RateLimits:qwen:TokensPerMinute must be at least 1")]
    [InlineData("ConnectionString", "", "ChineseLlm:Redis:ConnectionString is required")]
    public async Task UseRedis_InvalidOption_FailsNamingTheKey(string key, string value, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ChineseLlm:Redis:ConnectionString"] = redis.EndPoint,
            ["ChineseLlm:Redis:" + key] = value,
        }).Build();
        await using var services = Build(b => b.UseRedis(configuration));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ChineseLlmRedisOptions>>().Value);

        Assert.Contains(error.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void ChineseLlmRedisOptions_Defaults_AreDocumentedValues()
    {
        var options = new ChineseLlmRedisOptions();

        Assert.Null(options.ConnectionString);
        Assert.Equal("default", options.KeyPrefix);
        Assert.Equal(TimeSpan.FromSeconds(2), options.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), options.OperationTimeout);
        Assert.Equal(RedisUnavailablePolicy.FailClosed, options.WhenUnavailable);
        Assert.Equal(TimeSpan.FromDays(45), options.KeyRetention);
        Assert.Empty(options.RateLimits);
        Assert.Equal("ChineseLlm:Redis", ChineseLlmRedisOptions.SectionName);
    }

    [Fact]
    public void UseRedis_NullArguments_Throw()
    {
        var builder = new ServiceCollection().AddChineseLlm(_ => { });

        Assert.Throws<ArgumentNullException>(() => ((ChineseLlmBuilder)null!).UseRedis("localhost"));
        Assert.Throws<ArgumentException>(() => builder.UseRedis(" "));
        Assert.Throws<ArgumentNullException>(() => builder.UseRedis((StackExchange.Redis.IConnectionMultiplexer)null!));
        Assert.Throws<ArgumentNullException>(() => builder.UseRedis((IConfiguration)null!));
        Assert.Throws<ArgumentNullException>(() => builder.UseRedis((Action<ChineseLlmRedisOptions>)null!));
    }

    /// <summary>
    /// What every console app and test writes: <c>using var sp = …</c> disposes synchronously, which throws
    /// InvalidOperationException when a resolved singleton implements only IAsyncDisposable. Every service is resolved
    /// (and Redis really used) first, so each singleton the container would dispose exists.
    /// </summary>
    [Fact]
    public async Task UseRedis_ServiceProviderDisposedSynchronously_ClosesItsConnection()
    {
        var services = Build(b => b.UseRedis(redis.EndPoint, o =>
        {
            o.KeyPrefix = RedisServerFixture.NewPrefix();
            o.OperationTimeout = RedisTestConnections.Generous;
            o.RateLimits["deepseek"] = new ProviderRateLimitOptions { RequestsPerMinute = 100 };
        }));
        _ = await services.GetRequiredService<ISpendLedger>().GetSummaryAsync("day:2026-11-21");
        _ = services.GetRequiredService<IProviderHealth>();
        _ = services.GetRequiredService<IChatClient>();
        _ = services.GetRequiredKeyedService<IChatClient>("deepseek");
        var connection = services.GetRequiredService<RedisConnection>();

        services.Dispose();

        // The owned multiplexer is closed: an operation on it now fails (as Redis unavailable), it is not answered.
        await Assert.ThrowsAsync<RedisUnavailableException>(() => connection.RunAsync(db => db.PingAsync(), CancellationToken.None));
    }

    [Fact]
    public void UseRedis_ServiceProviderDisposedSynchronouslyBeforeAnyCall_DoesNotThrow()
    {
        var services = Build(b => b.UseRedis(redis.EndPoint, o => o.KeyPrefix = RedisServerFixture.NewPrefix()));
        _ = services.GetRequiredService<IChatClient>();
        _ = services.GetRequiredService<RedisConnection>();

        services.Dispose();
    }

    private static ServiceProvider Build(Action<ChineseLlmBuilder> useRedis)
    {
        var services = new ServiceCollection();
        var builder = services.AddChineseLlm(options =>
        {
            options.Providers.DeepSeek.ApiKey = "sk-deepseek-test";
            options.Providers.Kimi.ApiKey = "sk-kimi-test";
        });
        useRedis(builder);
        return services.BuildServiceProvider();
    }
}
