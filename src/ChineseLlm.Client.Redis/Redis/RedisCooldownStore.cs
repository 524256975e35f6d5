using System.Globalization;
using StackExchange.Redis;

namespace ChineseLlm.Client.Redis;

/// <summary>Provider cooldowns in Redis: one key per provider holding <c>&lt;kind&gt;|&lt;until Unix ms&gt;</c>, expiring with the cooldown.</summary>
internal sealed class RedisCooldownStore
{
    private readonly RedisConnection _connection;

    public RedisCooldownStore(RedisConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
    }

    /// <summary>Reads the cooldowns of <paramref name="providers"/> that have not ended by <paramref name="now"/>.</summary>
    public async Task<List<(string Provider, LlmErrorKind Reason, DateTimeOffset Until)>> GetAsync(IReadOnlyCollection<string> providers, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(providers);
        var result = new List<(string, LlmErrorKind, DateTimeOffset)>();
        if (providers.Count == 0)
        {
            return result;
        }

        var names = providers.ToArray();

        // One GET per key, pipelined on the one connection (keys of different providers may live in different cluster slots).
        var values = await _connection.RunAsync(
            db => Task.WhenAll(names.Select(p => db.StringGetAsync(_connection.Keys.Cooldown(p)))),
            cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < names.Length; i++)
        {
            if (TryParse(values[i], out var reason, out var until) && until > now)
            {
                result.Add((names[i], reason, until));
            }
        }

        return result;
    }

    /// <summary>Starts a cooldown of <paramref name="provider"/> until <paramref name="until"/>, unless one already ends later.</summary>
    /// <returns><see langword="true"/> when it was set; <see langword="false"/> when a later one was kept.</returns>
    public async Task<bool> StartAsync(string provider, LlmErrorKind reason, DateTimeOffset until, TimeSpan duration, CancellationToken cancellationToken)
    {
        var untilMs = until.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var ttl = Math.Max(1L, (long)Math.Ceiling(duration.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
        var result = await _connection.RunAsync(
            db => db.ScriptEvaluateAsync(RedisScripts.StartCooldown, [_connection.Keys.Cooldown(provider)], [reason.ToString() + "|" + untilMs, untilMs, ttl]),
            cancellationToken).ConfigureAwait(false);
        return (long)result == 1;
    }

    internal static bool TryParse(RedisValue value, out LlmErrorKind reason, out DateTimeOffset until)
    {
        reason = default;
        until = default;
        if (value.IsNullOrEmpty)
        {
            return false;
        }

        var text = (string)value!;
        var bar = text.LastIndexOf('|');
        if (bar <= 0
            || !Enum.TryParse(text.AsSpan(0, bar), ignoreCase: false, out reason)
            || !long.TryParse(text.AsSpan(bar + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var untilMs))
        {
            return false;
        }

        until = DateTimeOffset.FromUnixTimeMilliseconds(untilMs);
        return true;
    }
}
