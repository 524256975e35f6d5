using ChineseLlm.Client.Routing;
using ChineseLlm.Client.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace ChineseLlm.Client.Redis;

/// <summary>
/// One app instance of a fleet in the test process: its own service provider (router, provider clients, Redis
/// connection) and its own provider simulator, sharing only the Redis server and the key prefix with the others.
/// </summary>
internal sealed class FleetInstance : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private FleetInstance(ServiceProvider services, ProviderSimulatorHandler simulator)
    {
        _services = services;
        Simulator = simulator;
    }

    public ProviderSimulatorHandler Simulator { get; }

    public IChatClient Router => _services.GetRequiredService<IChatClient>();

    public ISpendLedger Ledger => _services.GetRequiredService<ISpendLedger>();

    public IServiceProvider Services => _services;

    public static FleetInstance Start(
        string redisConnectionString,
        string prefix,
        TimeProvider clock,
        decimal? budget = null,
        Action<ChineseLlmRedisOptions>? configureRedis = null,
        Action<ChineseLlmOptions>? configure = null)
    {
        var simulator = new ProviderSimulatorHandler(TimeProvider.System);
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        services.AddChineseLlm(options =>
        {
            options.Providers.DeepSeek.ApiKey = "sk-deepseek-test";
            options.Providers.Kimi.ApiKey = "sk-kimi-test";
            options.Routing.Budget.Limit = budget;
            options.Routing.Budget.Period = BudgetPeriod.Month;
            configure?.Invoke(options);
        })
        .UseProviderSimulator(simulator)
        .UseRedis(redisConnectionString, options =>
        {
            options.KeyPrefix = prefix;
            options.OperationTimeout = RedisTestConnections.Generous;
            configureRedis?.Invoke(options);
        });
        return new FleetInstance(services.BuildServiceProvider(validateScopes: true), simulator);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
