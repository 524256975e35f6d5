using System.Globalization;
using StackExchange.Redis;

namespace ChineseLlm.Client.Redis;

/// <summary>
/// The shared budget books in Redis, one set of keys per period (<see cref="RedisKeys.Budget"/>): reserve, settle and
/// release as single Lua scripts, so the check and the write are one atomic step for the whole fleet.
/// </summary>
internal sealed class RedisBudgetStore
{
    private readonly RedisConnection _connection;

    public RedisBudgetStore(RedisConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
    }

    /// <summary>Holds <paramref name="amount"/> under <paramref name="id"/> until <paramref name="expiresAt"/> if settled + held + amount ≤ limit.</summary>
    /// <returns>Whether it was held, and the period's totals (after it, when held).</returns>
    /// <exception cref="RedisUnavailableException">Redis could not be reached in time.</exception>
    public async Task<(bool Accepted, BudgetTotals Totals)> ReserveAsync(string period, string id, decimal amount, decimal limit, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var keys = _connection.Keys.Budget(period);
        var now = _connection.TimeProvider.GetUtcNow();
        var values = (RedisResult[])(await EvaluateAsync(
            RedisScripts.Reserve,
            [keys.Totals, keys.Open, keys.Holds, keys.Closed],
            [
                id,
                RedisAmount.Format(amount, MidpointRounding.ToPositiveInfinity),
                RedisAmount.Format(Math.Min(limit, RedisAmount.Max), MidpointRounding.ToZero),
                now.ToUnixTimeMilliseconds(),
                expiresAt.ToUnixTimeMilliseconds(),
                RetentionSeconds(),
            ],
            cancellationToken).ConfigureAwait(false))!;
        return ((long)values[0] == 1, new BudgetTotals(RedisAmount.Parse((string?)values[1]), RedisAmount.Parse((string?)values[2]), (int)values[3]));
    }

    /// <summary>Ends reservation <paramref name="id"/> and adds <paramref name="cost"/> to the period, once.</summary>
    /// <returns><see langword="true"/> when this call closed it; <see langword="false"/> when it was already settled or released.</returns>
    public Task<bool> SettleAsync(string period, string id, decimal cost, CancellationToken cancellationToken)
        => CloseAsync(period, id, cost, settle: true, cancellationToken);

    /// <summary>Ends reservation <paramref name="id"/> without spending, once.</summary>
    /// <returns><see langword="true"/> when this call closed it; <see langword="false"/> when it was already settled or released.</returns>
    public Task<bool> ReleaseAsync(string period, string id, CancellationToken cancellationToken)
        => CloseAsync(period, id, 0m, settle: false, cancellationToken);

    /// <summary>Reads a period's totals, dropping expired reservations first.</summary>
    public async Task<BudgetTotals> GetTotalsAsync(string period, CancellationToken cancellationToken)
    {
        var keys = _connection.Keys.Budget(period);
        var now = _connection.TimeProvider.GetUtcNow();
        var values = (RedisResult[])(await EvaluateAsync(
            RedisScripts.Summary, [keys.Totals, keys.Open, keys.Holds], [now.ToUnixTimeMilliseconds()], cancellationToken).ConfigureAwait(false))!;
        return new BudgetTotals(RedisAmount.Parse((string?)values[0]), RedisAmount.Parse((string?)values[1]), (int)values[2]);
    }

    private async Task<bool> CloseAsync(string period, string id, decimal cost, bool settle, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var keys = _connection.Keys.Budget(period);
        var now = _connection.TimeProvider.GetUtcNow();
        var result = await EvaluateAsync(
            RedisScripts.Close,
            [keys.Totals, keys.Open, keys.Holds, keys.Closed],
            [
                id,
                RedisAmount.Format(cost, MidpointRounding.AwayFromZero),
                now.ToUnixTimeMilliseconds(),
                (now - RedisDefaults.ClosedRetention).ToUnixTimeMilliseconds(),
                RetentionSeconds(),
                settle ? "1" : "0",
            ],
            cancellationToken).ConfigureAwait(false);
        return (long)result == 1;
    }

    private Task<RedisResult> EvaluateAsync(string script, RedisKey[] keys, RedisValue[] values, CancellationToken cancellationToken) =>
        _connection.RunAsync(db => db.ScriptEvaluateAsync(script, keys, values), cancellationToken);

    private string RetentionSeconds() => ((long)_connection.KeyRetention.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
