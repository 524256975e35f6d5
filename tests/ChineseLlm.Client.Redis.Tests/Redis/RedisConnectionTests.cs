using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ChineseLlm.Client.Redis;

[Collection(RedisServerGroup.Name)]
public sealed class RedisConnectionTests(RedisServerFixture redis)
{
    [Fact]
    public void CreateConfiguration_OverridesWhatKeepsCallsFromHanging()
    {
        var options = new ChineseLlmRedisOptions
        {
            ConnectionString = "redis.internal:6380,abortConnect=true,connectTimeout=30000,syncTimeout=30000,password=secret",
            ConnectTimeout = TimeSpan.FromMilliseconds(1500),
            OperationTimeout = TimeSpan.FromMilliseconds(250),
        };

        var configuration = RedisConnection.CreateConfiguration(options);

        Assert.False(configuration.AbortOnConnectFail);
        Assert.Equal(1500, configuration.ConnectTimeout);
        Assert.Equal(250, configuration.SyncTimeout);
        Assert.Equal(250, configuration.AsyncTimeout);
        Assert.False(configuration.BacklogPolicy.QueueWhileDisconnected);
        Assert.Equal("secret", configuration.Password);
        Assert.Equal("chinesellm", configuration.ClientName);
    }

    [Fact]
    public async Task RunAsync_NothingListening_FailsFastAsUnavailable()
    {
        await using var connection = new RedisConnection(new ChineseLlmRedisOptions { ConnectionString = "127.0.0.1:" + ClosedPort(), KeyPrefix = "down", ConnectTimeout = TimeSpan.FromSeconds(5) });
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAsync<RedisUnavailableException>(() => new RedisBudgetStore(connection).GetTotalsAsync("day:2026-11-20", default));
        var first = watch.Elapsed;
        watch.Restart();
        await Assert.ThrowsAsync<RedisUnavailableException>(() => new RedisBudgetStore(connection).GetTotalsAsync("day:2026-11-20", default));

        Assert.True(first < TimeSpan.FromSeconds(8), $"the first operation took {first} (connect timeout 5 s)");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2.5), $"a later operation took {watch.Elapsed}: it must not wait for a connect (5 s)");
    }

    [Fact]
    public async Task RunAsync_AppsOwnConnection_IsNotDisposed()
    {
        var options = new ChineseLlmRedisOptions { KeyPrefix = RedisServerFixture.NewPrefix() };
        await using (var connection = new RedisConnection(redis.Admin, options))
        {
            Assert.False(connection.OwnsConnection);
            await new RedisBudgetStore(connection).GetTotalsAsync("day:2026-11-20", default);
        }

        Assert.True(redis.Admin.IsConnected);
    }

    [Fact]
    public async Task RunAsync_NoConnectionString_SaysWhatIsMissing()
    {
        await using var connection = new RedisConnection(new ChineseLlmRedisOptions());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new RedisBudgetStore(connection).GetTotalsAsync("day:2026-11-20", default));

        Assert.Contains("ChineseLlm:Redis:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    internal static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // closed again when the listener is disposed
    }
}
