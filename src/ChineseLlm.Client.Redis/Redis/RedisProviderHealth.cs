using System.Collections.Concurrent;
using ChineseLlm.Client.Routing;
using Microsoft.Extensions.Logging;

namespace ChineseLlm.Client.Redis;

/// <summary>
/// Provider cooldowns shared by a fleet through Redis (<see cref="RedisCooldownStore"/>): one instance's quota or
/// credential failure leaves the provider out for every instance until the cooldown ends.
/// </summary>
/// <remarks>
/// Each instance also remembers the cooldowns it started itself; while Redis cannot be reached those still apply, so an
/// outage never makes the router call a provider it knows to be failing, nor fail a call.
/// </remarks>
internal sealed class RedisProviderHealth : IProviderHealth
{
    private static readonly IReadOnlyDictionary<string, ProviderCooldown> None = new Dictionary<string, ProviderCooldown>();
    private readonly RedisCooldownStore _store;
    private readonly RedisConnection _connection;
    private readonly ILogger _logger;
    private readonly LogThrottle _unavailableLog;
    private readonly ConcurrentDictionary<string, ProviderCooldown> _own = new(StringComparer.OrdinalIgnoreCase);

    public RedisProviderHealth(RedisConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _store = new RedisCooldownStore(connection);
        _logger = connection.Logger;
        _unavailableLog = new LogThrottle(connection.TimeProvider);
    }

    public async ValueTask<IReadOnlyDictionary<string, ProviderCooldown>> GetCooldownsAsync(IReadOnlyCollection<string> providers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(providers);
        var now = _connection.TimeProvider.GetUtcNow();
        Dictionary<string, ProviderCooldown>? result = null;
        try
        {
            foreach (var (provider, reason, until) in await _store.GetAsync(providers, now, cancellationToken).ConfigureAwait(false))
            {
                (result ??= new(StringComparer.OrdinalIgnoreCase))[provider] = new ProviderCooldown(provider.ToLowerInvariant(), reason, until);
            }
        }
        catch (RedisUnavailableException ex)
        {
            if (_unavailableLog.ShouldLog())
            {
                Log.CooldownsUnavailable(_logger, ex.Message);
            }
        }

        if (!_own.IsEmpty)
        {
            foreach (var provider in providers)
            {
                if (!_own.TryGetValue(provider, out var own))
                {
                    continue;
                }

                if (own.Until <= now)
                {
                    _own.TryRemove(new KeyValuePair<string, ProviderCooldown>(provider, own));
                }
                else if (result is null || !result.TryGetValue(provider, out var shared) || shared.Until < own.Until)
                {
                    (result ??= new(StringComparer.OrdinalIgnoreCase))[provider] = own;
                }
            }
        }

        return result ?? None;
    }

    public async ValueTask StartCooldownAsync(string provider, LlmErrorKind reason, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        if (duration <= TimeSpan.Zero)
        {
            return;
        }

        var cooldown = new ProviderCooldown(provider.ToLowerInvariant(), reason, _connection.TimeProvider.GetUtcNow() + duration);
        _own.AddOrUpdate(provider, cooldown, (_, existing) => existing.Until >= cooldown.Until ? existing : cooldown);
        try
        {
            await _store.StartAsync(provider, reason, cooldown.Until, duration, cancellationToken).ConfigureAwait(false);
        }
        catch (RedisUnavailableException ex)
        {
            Log.CooldownNotShared(_logger, cooldown.Provider, cooldown.Until, ex.Message);
        }
    }
}
