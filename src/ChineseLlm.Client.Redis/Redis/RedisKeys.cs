namespace ChineseLlm.Client.Redis;

/// <summary>
/// The key layout of fleet mode, all under <c>chinesellm:&lt;prefix&gt;:</c>. The part in braces is a Redis Cluster hash
/// tag: the keys one script touches always share it, so they live in one slot.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>chinesellm:&lt;prefix&gt;:budget:{&lt;period&gt;}:totals</c> — hash: <c>settled</c> and <c>reserved</c>, CNY as decimal strings.</item>
/// <item><c>chinesellm:&lt;prefix&gt;:budget:{&lt;period&gt;}:open</c> — sorted set: open reservation ids scored by expiry (Unix ms).</item>
/// <item><c>chinesellm:&lt;prefix&gt;:budget:{&lt;period&gt;}:holds</c> — hash: open reservation id → amount held.</item>
/// <item><c>chinesellm:&lt;prefix&gt;:budget:{&lt;period&gt;}:closed</c> — sorted set: settled or released ids scored by when (Unix ms), kept a day.</item>
/// <item><c>chinesellm:&lt;prefix&gt;:cooldown:{&lt;provider&gt;}</c> — string <c>&lt;kind&gt;|&lt;until Unix ms&gt;</c>, expiring with the cooldown.</item>
/// <item><c>chinesellm:&lt;prefix&gt;:rate:{&lt;provider&gt;}:&lt;minute&gt;</c> — hash: <c>requests</c> and <c>tokens</c> of one minute (Unix minutes), expiring after two.</item>
/// </list>
/// </remarks>
internal sealed class RedisKeys
{
    public RedisKeys(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        Root = "chinesellm:" + prefix + ":";
    }

    /// <summary>Gets <c>chinesellm:&lt;prefix&gt;:</c>.</summary>
    public string Root { get; }

    /// <summary>The four keys of one budget period: totals, open, holds, closed.</summary>
    public BudgetKeys Budget(string period)
    {
        ArgumentException.ThrowIfNullOrEmpty(period);
        if (period.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            throw new ArgumentException("A budget period key must not contain braces.", nameof(period));
        }

        var stem = Root + "budget:{" + period + "}:";
        return new BudgetKeys(stem + "totals", stem + "open", stem + "holds", stem + "closed");
    }

    public string Cooldown(string provider) => Root + "cooldown:{" + Normalize(provider) + "}";

    public string Rate(string provider, long minute) => Root + "rate:{" + Normalize(provider) + "}:" + minute.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Normalize(string provider)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        if (provider.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            throw new ArgumentException("A provider key must not contain braces.", nameof(provider));
        }

        return provider.ToLowerInvariant();
    }
}
