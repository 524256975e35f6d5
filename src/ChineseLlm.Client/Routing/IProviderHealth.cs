namespace ChineseLlm.Client.Routing;

/// <summary>
/// Remembers which providers are cooling down: left out of routing for a while after a failure that the next call
/// would repeat (exhausted quota, rejected credentials, missing permission).
/// </summary>
/// <remarks>
/// <para>The default implementation keeps the state in memory for one process and reads the time from the
/// <see cref="TimeProvider"/>; a shared store (such as Redis, one key per provider that expires with the cooldown) lets
/// one instance's failure cool the provider down for a whole fleet.</para>
/// <para>Besides provider keys, the router keeps a model its provider answered <see cref="LlmErrorKind.ModelNotFound"/>
/// under the key <c>provider/model</c> (lower case, for example <c>qwen/qwen-turbo</c>) with the reason
/// <see cref="LlmErrorKind.ModelNotFound"/> for <see cref="RoutingOptions.ModelNotFoundCooldown"/>; an implementation
/// stores those keys like any other.</para>
/// <para>Implementations must be thread-safe.</para>
/// </remarks>
[Experimental(RoutingDefaults.ExperimentalDiagnosticId, UrlFormat = RoutingDefaults.ExperimentalUrlFormat)]
public interface IProviderHealth
{
    /// <summary>Reads the cooldowns in force for some providers.</summary>
    /// <param name="providers">The provider keys to look up (such as <c>deepseek</c>).</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>The providers among <paramref name="providers"/> that are cooling down now, by key; an absent key is healthy.</returns>
    ValueTask<IReadOnlyDictionary<string, ProviderCooldown>> GetCooldownsAsync(IReadOnlyCollection<string> providers, CancellationToken cancellationToken = default);

    /// <summary>Starts (or extends) a provider's cooldown.</summary>
    /// <param name="provider">The provider key.</param>
    /// <param name="reason">The failure that started it.</param>
    /// <param name="duration">How long the provider is left out; a cooldown already ending later is kept.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>A task that completes when the cooldown is recorded.</returns>
    ValueTask StartCooldownAsync(string provider, LlmErrorKind reason, TimeSpan duration, CancellationToken cancellationToken = default);
}
