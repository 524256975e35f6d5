using ChineseLlm.Client;
using ChineseLlm.Client.DependencyInjection;
using ChineseLlm.Client.Redis;
using ChineseLlm.Client.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Turns on fleet mode: the router's budget, provider cooldowns and rate limits shared through Redis.</summary>
public static class ChineseLlmBuilderRedisExtensions
{
    /// <summary>Shares the router's state through the Redis server at <paramref name="connectionString"/>.</summary>
    /// <param name="builder">The builder <c>AddChineseLlm</c> returned.</param>
    /// <param name="connectionString">The StackExchange.Redis configuration string, such as <c>redis.internal:6379,password=…</c>.</param>
    /// <param name="configure">Sets further options (key prefix, timeouts, policy, rate limits); optional.</param>
    /// <returns>The same builder, to chain further configuration.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is empty.</exception>
    public static ChineseLlmBuilder UseRedis(this ChineseLlmBuilder builder, string connectionString, Action<ChineseLlmRedisOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.Services.AddOptions<ChineseLlmRedisOptions>().Configure(options =>
        {
            options.ConnectionString = connectionString;
            configure?.Invoke(options);
        });
        return UseRedisCore(builder, connection: null);
    }

    /// <summary>Shares the router's state through a Redis connection the app already has (and keeps owning: it is not disposed here).</summary>
    /// <param name="builder">The builder <c>AddChineseLlm</c> returned.</param>
    /// <param name="connection">The app's connection.</param>
    /// <param name="configure">Sets further options (key prefix, timeouts, policy, rate limits); optional.</param>
    /// <returns>The same builder, to chain further configuration.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <remarks>
    /// The connection keeps its own settings; the library still bounds each of its operations by
    /// <see cref="ChineseLlmRedisOptions.OperationTimeout"/>. Create it with <c>abortConnect=false</c> so that it
    /// reconnects by itself.
    /// </remarks>
    public static ChineseLlmBuilder UseRedis(this ChineseLlmBuilder builder, IConnectionMultiplexer connection, Action<ChineseLlmRedisOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(connection);
        if (configure is not null)
        {
            builder.Services.AddOptions<ChineseLlmRedisOptions>().Configure(configure);
        }

        return UseRedisCore(builder, connection);
    }

    /// <summary>Shares the router's state through Redis, configured from <paramref name="configuration"/>.</summary>
    /// <param name="builder">The builder <c>AddChineseLlm</c> returned.</param>
    /// <param name="configuration">The <c>ChineseLlm:Redis</c> section, or a configuration (root or <c>ChineseLlm</c> section) that has one.</param>
    /// <returns>The same builder, to chain further configuration.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static ChineseLlmBuilder UseRedis(this ChineseLlmBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(ChineseLlmRedisOptions.SectionName) is { } full && full.Exists() ? full
            : configuration.GetSection("Redis") is { } nested && nested.Exists() ? nested
            : configuration;
        builder.Services.AddOptions<ChineseLlmRedisOptions>().Bind(section);
        return UseRedisCore(builder, connection: null);
    }

    /// <summary>Shares the router's state through Redis, configured in code (set <see cref="ChineseLlmRedisOptions.ConnectionString"/>).</summary>
    /// <param name="builder">The builder <c>AddChineseLlm</c> returned.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The same builder, to chain further configuration.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static ChineseLlmBuilder UseRedis(this ChineseLlmBuilder builder, Action<ChineseLlmRedisOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<ChineseLlmRedisOptions>().Configure(configure);
        return UseRedisCore(builder, connection: null);
    }

    private static ChineseLlmBuilder UseRedisCore(ChineseLlmBuilder builder, IConnectionMultiplexer? connection)
    {
        var services = builder.Services;
        services.AddOptions<ChineseLlmRedisOptions>().ValidateOnStart();
        services.RemoveAll<IValidateOptions<ChineseLlmRedisOptions>>();
        services.AddSingleton<IValidateOptions<ChineseLlmRedisOptions>>(new ChineseLlmRedisOptionsValidator(connection is not null));

        services.RemoveAll<RedisConnection>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ChineseLlmRedisOptions>>().Value;
            var timeProvider = sp.GetService<TimeProvider>();
            var loggerFactory = sp.GetService<ILoggerFactory>();
            return connection is null
                ? new RedisConnection(options, timeProvider, loggerFactory)
                : new RedisConnection(connection, options, timeProvider, loggerFactory);
        });
        services.TryAddSingleton(sp => new RedisRateLimiter(sp.GetRequiredService<RedisConnection>()));

        // The router resolves these when it is built: the fleet's ledger and cooldowns replace the in-memory ones.
        services.RemoveAll<ISpendLedger>();
        services.AddSingleton<ISpendLedger>(sp => new RedisSpendLedger(sp.GetRequiredService<RedisConnection>()));
        services.RemoveAll<IProviderHealth>();
        services.AddSingleton<IProviderHealth>(sp => new RedisProviderHealth(sp.GetRequiredService<RedisConnection>()));

        // A second UseRedis replaces the connection and options, but the provider clients are wrapped only once.
        if (!services.Any(d => d.ServiceType == typeof(RedisFleetMarker)))
        {
            services.AddSingleton<RedisFleetMarker>();
            foreach (var provider in builder.EnabledProviders)
            {
                WrapWithRateLimit(services, provider);
            }
        }

        return builder;
    }

    /// <summary>Wraps the keyed client of <paramref name="provider"/> so that the fleet's rate limit for it (if any) applies.</summary>
    private static void WrapWithRateLimit(IServiceCollection services, string provider)
    {
        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType != typeof(IChatClient) || !descriptor.IsKeyedService || descriptor.ServiceKey is not string key
                || !string.Equals(key, provider, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            services[i] = new ServiceDescriptor(typeof(IChatClient), descriptor.ServiceKey, (sp, serviceKey) =>
            {
                var inner = Resolve(descriptor, sp, serviceKey);
                var options = sp.GetRequiredService<IOptions<ChineseLlmRedisOptions>>().Value;
                return options.RateLimits.TryGetValue(provider, out var limits) && limits is not null && (limits.RequestsPerMinute is not null || limits.TokensPerMinute is not null)
                    ? new RedisRateLimitingChatClient(inner, provider, limits, sp.GetRequiredService<RedisRateLimiter>(), sp.GetRequiredService<RedisConnection>())
                    : inner;
            }, descriptor.Lifetime);
        }
    }

    private static IChatClient Resolve(ServiceDescriptor descriptor, IServiceProvider services, object? serviceKey)
    {
        if (descriptor.KeyedImplementationInstance is IChatClient instance)
        {
            return instance;
        }

        if (descriptor.KeyedImplementationFactory is { } factory)
        {
            return (IChatClient)factory(services, serviceKey);
        }

        return (IChatClient)ActivatorUtilities.CreateInstance(services, descriptor.KeyedImplementationType!);
    }
}
