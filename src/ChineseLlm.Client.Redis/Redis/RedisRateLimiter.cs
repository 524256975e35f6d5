using System.Globalization;
using StackExchange.Redis;

namespace ChineseLlm.Client.Redis;

/// <summary>
/// Fleet-wide requests- and tokens-per-minute limits per provider, as a sliding-window counter in Redis: this minute's
/// count plus the previous minute's weighted by how much of it the last 60 seconds still cover.
/// </summary>
internal sealed class RedisRateLimiter
{
    private static readonly long WindowMs = (long)RedisDefaults.RateWindow.TotalMilliseconds;
    private readonly RedisConnection _connection;

    public RedisRateLimiter(RedisConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
    }

    /// <summary>Takes one request of <paramref name="provider"/>'s window if both limits allow it.</summary>
    public async Task<RateLimitDecision> TryAcquireAsync(string provider, ProviderRateLimitOptions limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var now = _connection.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var minute = now / WindowMs;
        var result = await _connection.RunAsync(
            db => db.ScriptEvaluateAsync(
                RedisScripts.AcquireRate,
                [_connection.Keys.Rate(provider, minute), _connection.Keys.Rate(provider, minute - 1)],
                [now, WindowMs, limits.RequestsPerMinute ?? 0, limits.TokensPerMinute ?? 0]),
            cancellationToken).ConfigureAwait(false);
        var values = (RedisResult[])result!;
        return (long)values[0] == 1
            ? RateLimitDecision.Allow
            : new RateLimitDecision(false, (string?)values[2], TimeSpan.FromMilliseconds((long)values[1]));
    }

    /// <summary>Adds the tokens a call used to this minute of <paramref name="provider"/>'s window.</summary>
    public async Task RecordTokensAsync(string provider, long tokens, CancellationToken cancellationToken)
    {
        if (tokens <= 0)
        {
            return;
        }

        var now = _connection.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        await _connection.RunAsync(
            db => db.ScriptEvaluateAsync(
                RedisScripts.RecordTokens,
                [_connection.Keys.Rate(provider, now / WindowMs)],
                [tokens, (2 * WindowMs).ToString(CultureInfo.InvariantCulture)]),
            cancellationToken).ConfigureAwait(false);
    }
}
