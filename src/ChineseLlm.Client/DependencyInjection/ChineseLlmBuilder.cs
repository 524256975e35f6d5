using Microsoft.Extensions.AI;

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
}
