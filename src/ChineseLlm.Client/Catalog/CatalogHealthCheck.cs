using ChineseLlm.Client.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ChineseLlm.Client.Catalog;

/// <summary>
/// The <c>chinesellm-catalog</c> health check: <see cref="HealthStatus.Healthy"/> when every routable catalog row of
/// each checkable provider is in its vendor's model list, <see cref="HealthStatus.Degraded"/> naming the providers
/// whose rows are missing or whose list cannot be read. The report's data holds one entry per provider.
/// </summary>
internal sealed class CatalogHealthCheck : IHealthCheck
{
    /// <summary>The registration name of the check.</summary>
    public const string Name = "chinesellm-catalog";

    private readonly IServiceProvider _services;

    public CatalogHealthCheck(IServiceProvider services) => _services = services;

    /// <summary>Builds the check's core from a service provider that has <c>AddChineseLlm</c>; <see langword="null"/> when it has not.</summary>
    internal static CatalogCheck? CreateCore(IServiceProvider services)
    {
        if (services.GetService<CostAwareChatClient>() is not { } router)
        {
            return null;
        }

        var monitor = services.GetRequiredService<IOptionsMonitor<ChineseLlmOptions>>();
        var factory = services.GetRequiredService<IHttpClientFactory>();
        var registrations = ProviderRegistrations.All.ToDictionary(r => r.Key, StringComparer.OrdinalIgnoreCase);
        return new CatalogCheck(
            () => router.Settings.Catalog,
            () => router.Providers,
            key => registrations.TryGetValue(key, out var registration) && monitor.CurrentValue.Providers is { } providers ? registration.Select(providers) : null,
            key => registrations.TryGetValue(key, out var registration) ? factory.CreateClient(registration.HttpClientName) : factory.CreateClient(),
            services.GetService<TimeProvider>(),
            services.GetService<ILoggerFactory>()?.CreateLogger<CatalogHealthCheck>());
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (CreateCore(_services) is not { } check)
            {
                return HealthCheckResult.Degraded("ChineseLlm.Client is not registered: call services.AddChineseLlm(…) before AddChineseLlmCatalogCheck().");
            }

            var report = await check.RunAsync(cancellationToken).ConfigureAwait(false);
            var data = report.Providers.ToDictionary(p => p.Provider, p => (object)p.ToString(), StringComparer.Ordinal);
            return report.IsHealthy
                ? HealthCheckResult.Healthy(report.Describe(), data)
                : HealthCheckResult.Degraded(report.Describe(), data: data);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Only the type: a message may carry a URI or configuration text.
            return HealthCheckResult.Degraded("The catalog check could not run (" + ex.GetType().Name + ").");
        }
    }
}
