using ChineseLlm.Client.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Returned by <c>AddChineseLlm</c>, to chain further ChineseLlm.Client configuration.</summary>
public sealed class ChineseLlmBuilder
{
    private readonly IReadOnlyDictionary<string, ChatClientBuilder> _providerClients;

    internal ChineseLlmBuilder(IServiceCollection services, IReadOnlyList<string> enabledProviders, IReadOnlyDictionary<string, ChatClientBuilder>? providerClients = null)
    {
        Services = services;
        EnabledProviders = enabledProviders;
        _providerClients = providerClients ?? new Dictionary<string, ChatClientBuilder>();
    }

    /// <summary>Gets the service collection the library was added to.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Gets the keys of the providers that had credentials at registration (<c>deepseek</c>, <c>kimi</c>, …).</summary>
    public IReadOnlyList<string> EnabledProviders { get; }

    /// <summary>
    /// Adds Microsoft.Extensions.AI middleware around each enabled provider's keyed <see cref="IChatClient"/> — the
    /// clients the router calls — for example <c>UseOpenTelemetry</c> to record prompts and completions, or <c>UseLogging</c>.
    /// </summary>
    /// <param name="configure">Called once per enabled provider with its key (<c>deepseek</c>, …) and the
    /// <see cref="ChatClientBuilder"/> of its keyed client.</param>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// A keyed client then resolves as the outermost middleware; <see cref="IChatClient.GetService"/> still finds the
    /// provider client inside it. Spans of <c>UseOpenTelemetry</c> for a provider call replace ChineseLlm.Client's own
    /// <c>chat</c> span for that call, which adds its cost and request id to them (see the README's Telemetry section).
    /// </remarks>
    public ChineseLlmBuilder ConfigureProviderClients(Action<string, ChatClientBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        foreach (var (key, builder) in _providerClients)
        {
            configure(key, builder);
        }

        return this;
    }

    /// <summary>
    /// Replaces the primary <see cref="HttpMessageHandler"/> (the one that talks to the network) of every provider's
    /// <see cref="HttpClient"/>, enabled or not, under the library's usual resilience pipeline (timeouts, retries, circuit
    /// breaker) — for example to send all provider traffic to a test double such as ChineseLlm.Client.Testing's simulator.
    /// </summary>
    /// <param name="createHandler">Called by the HTTP client factory whenever it builds a provider's handler chain, with the
    /// provider key (<c>deepseek</c>, <c>kimi</c>, …) and the service provider. The factory disposes the handler it returns
    /// when the chain is retired, so return a fresh handler each time (one that forwards to a shared one is fine).</param>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="createHandler"/> is <see langword="null"/>.</exception>
    /// <remarks>The last call wins. The library's default is a <see cref="SocketsHttpHandler"/> with a five-minute pooled connection lifetime.</remarks>
    public ChineseLlmBuilder ConfigurePrimaryHttpMessageHandler(Func<string, IServiceProvider, HttpMessageHandler> createHandler)
    {
        ArgumentNullException.ThrowIfNull(createHandler);
        foreach (var registration in ProviderRegistrations.All)
        {
            var key = registration.Key;

            // A later ConfigurePrimaryHttpMessageHandler replaces the SocketsHttpHandler AddChineseLlm set.
            Services.AddHttpClient(registration.HttpClientName)
                .ConfigurePrimaryHttpMessageHandler(sp => createHandler(key, sp));
        }

        return this;
    }
}
