using System.Collections.Concurrent;

namespace ChineseLlm.Client.Routing;

/// <summary>The provider cooldowns of one process, timed by the <see cref="TimeProvider"/>.</summary>
internal sealed class InMemoryProviderHealth : IProviderHealth
{
    private readonly ConcurrentDictionary<string, ProviderCooldown> _cooldowns = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider _timeProvider;

    public InMemoryProviderHealth(TimeProvider? timeProvider = null) => _timeProvider = timeProvider ?? TimeProvider.System;

    public ValueTask<IReadOnlyDictionary<string, ProviderCooldown>> GetCooldownsAsync(IReadOnlyCollection<string> providers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(providers);
        if (_cooldowns.IsEmpty)
        {
            return ValueTask.FromResult<IReadOnlyDictionary<string, ProviderCooldown>>(Empty);
        }

        var now = _timeProvider.GetUtcNow();
        Dictionary<string, ProviderCooldown>? result = null;
        foreach (var provider in providers)
        {
            if (!_cooldowns.TryGetValue(provider, out var cooldown))
            {
                continue;
            }

            if (cooldown.Until > now)
            {
                (result ??= new(StringComparer.OrdinalIgnoreCase))[provider] = cooldown;
            }
            else
            {
                // Over: forget it, unless another thread has just started a new one.
                _cooldowns.TryRemove(new KeyValuePair<string, ProviderCooldown>(provider, cooldown));
            }
        }

        return ValueTask.FromResult<IReadOnlyDictionary<string, ProviderCooldown>>(result ?? Empty);
    }

    public ValueTask StartCooldownAsync(string provider, LlmErrorKind reason, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        if (duration <= TimeSpan.Zero)
        {
            return ValueTask.CompletedTask;
        }

        // Saturating: a caller's TimeSpan.MaxValue means "until further notice", not an overflow.
        var now = _timeProvider.GetUtcNow();
        var until = duration >= DateTimeOffset.MaxValue - now ? DateTimeOffset.MaxValue : now + duration;
        var cooldown = new ProviderCooldown(provider.ToLowerInvariant(), reason, until);
        _cooldowns.AddOrUpdate(provider, cooldown, (_, existing) => existing.Until >= cooldown.Until ? existing : cooldown);
        return ValueTask.CompletedTask;
    }

    private static readonly IReadOnlyDictionary<string, ProviderCooldown> Empty = new Dictionary<string, ProviderCooldown>();
}
