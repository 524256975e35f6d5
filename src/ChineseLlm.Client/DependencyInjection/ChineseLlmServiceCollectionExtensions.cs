using System.Diagnostics.Metrics;
using ChineseLlm.Client;
using ChineseLlm.Client.Catalog;
using ChineseLlm.Client.DependencyInjection;
using ChineseLlm.Client.Routing;
using ChineseLlm.Client.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers ChineseLlm.Client in an <see cref="IServiceCollection"/>.</summary>
public static class ChineseLlmServiceCollectionExtensions
{
    /// <summary>
    /// Adds ChineseLlm.Client configured from <paramref name="configuration"/>: the <c>ChineseLlm</c> section (or the
    /// root configuration that contains it). Registers one keyed <see cref="IChatClient"/> per provider whose
    /// <c>Providers:&lt;Name&gt;</c> section has credentials, with keys <c>qwen</c>, <c>ernie</c>, <c>doubao</c>,
    /// <c>hunyuan</c>, <c>kimi</c>, <c>deepseek</c>, each sending through a named, resilient HttpClient; and the
    /// cost-aware router (<see cref="CostAwareChatClient"/>) over them as the unkeyed <see cref="IChatClient"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The <c>ChineseLlm</c> section, or a configuration root that has one.</param>
    /// <returns>A builder to chain further configuration.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <remarks>Options are validated when the host starts (or when first resolved); messages name the bad key.</remarks>
    public static ChineseLlmBuilder AddChineseLlm(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var section = configuration.GetSection(ChineseLlmOptions.SectionName) is { } nested && nested.Exists() && configuration[ "Providers"] is null && !configuration.GetSection("Providers").Exists()
            ? nested
            : configuration;

        var probe = new ChineseLlmOptions();
        section.Bind(probe);
        services.AddOptions<ChineseLlmOptions>().Bind(section);
        return AddCore(services, probe);
    }

    /// <summary>Adds ChineseLlm.Client configured in code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options; providers with credentials are registered.</param>
    /// <returns>A builder to chain further configuration.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static ChineseLlmBuilder AddChineseLlm(this IServiceCollection services, Action<ChineseLlmOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        var probe = new ChineseLlmOptions();
        configure(probe);
        services.AddOptions<ChineseLlmOptions>().Configure(configure);
        return AddCore(services, probe);
    }

    private static ChineseLlmBuilder AddCore(IServiceCollection services, ChineseLlmOptions probe)
    {
        services.AddOptions<ChineseLlmOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChineseLlmOptions>, ChineseLlmOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton(sp => new ChatInstrumentation(
            sp.GetService<IMeterFactory>(),
            catalog: () => sp.GetRequiredService<CostAwareChatClient>().Settings.Catalog)); // prices per call with ChineseLlm:Models, as the router does

        var enabled = new List<string>();
        var clients = new Dictionary<string, ChatClientBuilder>(StringComparer.Ordinal);
        foreach (var registration in ProviderRegistrations.All)
        {
            if (probe.Providers is null || registration.Select(probe.Providers) is not { HasCredentials: true })
            {
                continue;
            }

            enabled.Add(registration.Key);
            clients[registration.Key] = AddProvider(services, registration);
        }

        AddCatalog(services);
        AddRouter(services, enabled);
        return new ChineseLlmBuilder(services, enabled, clients);
    }

    /// <summary>The catalog in force (<c>ChineseLlm:Catalog</c>): the watched Path or the Url refreshed in the background by a hosted service.</summary>
    private static void AddCatalog(IServiceCollection services)
    {
        services.TryAddSingleton(CatalogSource.Create);
        services.AddHostedService<CatalogRefreshService>();
        services.AddHttpClient(CatalogFeed.HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = CatalogFeed.Timeout)
            .RemoveAllLoggers(); // the factory's loggers write the URL, whose query may carry a token
    }

    /// <summary>The cost-aware router over the enabled providers, as <see cref="CostAwareChatClient"/> and as the unkeyed <see cref="IChatClient"/>.</summary>
    private static void AddRouter(IServiceCollection services, IReadOnlyList<string> enabled)
    {
        services.TryAddSingleton<ISpendLedger>(sp => new InMemorySpendLedger(sp.GetService<TimeProvider>()));
        services.TryAddSingleton<IProviderHealth>(sp => new InMemoryProviderHealth(sp.GetService<TimeProvider>()));
        services.TryAddSingleton(sp => CostAwareChatClient.Create(sp, enabled));
        services.TryAddSingleton<IChatClient>(sp => sp.GetRequiredService<CostAwareChatClient>());
    }

    private static ChatClientBuilder AddProvider(IServiceCollection services, ProviderRegistration registration)
    {
        services.AddHttpClient(registration.HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan) // the pipeline owns time
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan) // clients are singletons; the pooled lifetime handles DNS changes
            .RemoveAllLoggers() // the factory's loggers write request URIs (ERNIE v1 carries its token in the query); the clients log calls themselves
            .AddResilienceHandler("chinesellm", (builder, context) =>
            {
                var options = registration.Select(context.ServiceProvider.GetRequiredService<IOptionsMonitor<ChineseLlmOptions>>().CurrentValue.Providers);
                var timeProvider = context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
                builder.TimeProvider = timeProvider;
                ProviderResilience.ConfigureTelemetry(builder, context.ServiceProvider);
                ProviderResilience.Configure(builder, options, registration.ErrorMapper(options), timeProvider);
            });

        return services.AddKeyedChatClient(registration.Key, sp =>
        {
            var options = registration.Select(sp.GetRequiredService<IOptionsMonitor<ChineseLlmOptions>>().CurrentValue.Providers);
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(registration.HttpClientName);
            return registration.Create(sp, options, http);
        });
    }
}
