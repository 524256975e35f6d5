using ChineseLlm.Client.Testing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Wires <see cref="ProviderSimulatorHandler"/> into ChineseLlm.Client's dependency injection.</summary>
public static class ProviderSimulatorChineseLlmBuilderExtensions
{
    /// <summary>
    /// Sends every provider's HTTP traffic to <paramref name="simulator"/> instead of the network: each provider's named
    /// <see cref="HttpClient"/> gets a primary handler that forwards to the simulator with the provider's key, under the
    /// library's usual resilience pipeline (timeouts, retries, circuit breaker).
    /// </summary>
    /// <param name="builder">The builder <c>AddChineseLlm</c> returned.</param>
    /// <param name="simulator">The simulator; also registered as a singleton so code can resolve and script it.</param>
    /// <returns>The same builder, for chaining.</returns>
    /// <remarks>
    /// Providers are still enabled only when their configuration has credentials; any non-empty values do, since the
    /// simulator does not check them. Every provider's client is routed to it, so nothing reaches the network; a provider it
    /// does not speak (one added to the library after the simulator) gets HTTP 501 saying so. Pangu is simulated with an API
    /// key (its IAM-token mode is not). Keep the simulator's <see cref="TimeProvider"/> the same as the one in the
    /// container, so that latency, stalls and the library's timeouts run on one clock.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="simulator"/> is <see langword="null"/>.</exception>
    public static ChineseLlmBuilder UseProviderSimulator(this ChineseLlmBuilder builder, ProviderSimulatorHandler simulator)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(simulator);

        builder.Services.RemoveAll<ProviderSimulatorHandler>();
        builder.Services.AddSingleton(simulator);
        return Route(builder);
    }

    /// <summary>
    /// Sends every provider's HTTP traffic to a <see cref="ProviderSimulatorHandler"/> created from the container: it
    /// uses the registered <see cref="TimeProvider"/> and can be resolved (and scripted) as a singleton.
    /// </summary>
    /// <param name="builder">The builder <c>AddChineseLlm</c> returned.</param>
    /// <param name="configure">Scripts the simulator when it is created, or <see langword="null"/>.</param>
    /// <returns>The same builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static ChineseLlmBuilder UseProviderSimulator(this ChineseLlmBuilder builder, Action<ProviderSimulatorHandler>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.RemoveAll<ProviderSimulatorHandler>();
        builder.Services.AddSingleton(sp =>
        {
            var simulator = new ProviderSimulatorHandler(sp.GetService<TimeProvider>() ?? TimeProvider.System);
            configure?.Invoke(simulator);
            return simulator;
        });
        return Route(builder);
    }

    private static ChineseLlmBuilder Route(ChineseLlmBuilder builder) =>
        builder.ConfigurePrimaryHttpMessageHandler(
            (key, sp) => new SimulatorRoute(sp.GetRequiredService<ProviderSimulatorHandler>(), key));
}
