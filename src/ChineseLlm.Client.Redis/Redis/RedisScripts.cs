namespace ChineseLlm.Client.Redis;

/// <summary>
/// The Lua scripts of fleet mode. Each runs atomically in Redis, so a check and its write can never interleave with
/// another instance's. StackExchange.Redis sends a script once and then runs it by its SHA1 (<c>EVALSHA</c>).
/// </summary>
/// <remarks>
/// Amounts are decimal strings with 15 decimal places; <c>parse</c> splits one into whole yuan and a 15-digit fraction,
/// both integers that Lua's doubles hold exactly (below 2⁵³), and <c>add</c>, <c>sub</c> and <c>greater</c> work on the
/// pairs with a carry, so no amount ever goes through floating-point arithmetic. Times are Unix milliseconds from the
/// caller's <see cref="TimeProvider"/>, so every instance must keep its clock in sync (as the budget periods already require).
/// </remarks>
internal static class RedisScripts
{
    /// <summary>Exact arithmetic on amounts, and dropping expired reservations of a period (shared by the budget scripts).</summary>
    private const string Amounts = """
        local SCALE = 1000000000000000
        local function parse(s)
          if not s then return 0, 0 end
          local i, f = string.match(s, '^(%d+)%.?(%d*)$')
          if not i then error('chinesellm: not an amount: ' .. tostring(s)) end
          f = string.sub(f .. '000000000000000', 1, 15)
          return tonumber(i), tonumber(f)
        end
        local function add(ai, af, bi, bf)
          local i, f = ai + bi, af + bf
          if f >= SCALE then return i + 1, f - SCALE end
          return i, f
        end
        local function sub(ai, af, bi, bf)
          local i, f = ai - bi, af - bf
          if f < 0 then i, f = i - 1, f + SCALE end
          if i < 0 then return 0, 0 end
          return i, f
        end
        local function greater(ai, af, bi, bf)
          return ai > bi or (ai == bi and af > bf)
        end
        local function fmt(i, f)
          return string.format('%.0f.%015.0f', i, f)
        end
        local function purge(totals, open, holds, now)
          local ri, rf = parse(redis.call('HGET', totals, 'reserved'))
          local dirty = false
          local expired = redis.call('ZRANGEBYSCORE', open, '-inf', now)
          if #expired > 0 then
            for _, id in ipairs(expired) do
              local held = redis.call('HGET', holds, id)
              if held then
                local hi, hf = parse(held)
                ri, rf = sub(ri, rf, hi, hf)
                redis.call('HDEL', holds, id)
              end
            end
            redis.call('ZREMRANGEBYSCORE', open, '-inf', now)
            dirty = true
          end
          if (ri > 0 or rf > 0) and redis.call('ZCARD', open) == 0 then
            ri, rf = 0, 0
            dirty = true
          end
          if dirty then redis.call('HSET', totals, 'reserved', fmt(ri, rf)) end
          return ri, rf
        end

        """;

    /// <summary>
    /// Reserves an amount if settled + open reservations + amount stays within the limit.
    /// KEYS: totals, open, holds, closed. ARGV: id, amount, limit, now, expires at, key retention (s).
    /// Returns {accepted (1/0), settled, reserved, open count}.
    /// </summary>
    public const string Reserve = Amounts + """
        local now = ARGV[4]
        local ri, rf = purge(KEYS[1], KEYS[2], KEYS[3], now)
        local si, sf = parse(redis.call('HGET', KEYS[1], 'settled'))
        if redis.call('ZSCORE', KEYS[2], ARGV[1]) or redis.call('ZSCORE', KEYS[4], ARGV[1]) then
          -- Already held, or already settled or released (a late retry): hold nothing more.
          return {1, fmt(si, sf), fmt(ri, rf), redis.call('ZCARD', KEYS[2])}
        end
        local ai, af = parse(ARGV[2])
        local li, lf = parse(ARGV[3])
        local ti, tf = add(si, sf, ri, rf)
        ti, tf = add(ti, tf, ai, af)
        if greater(ti, tf, li, lf) then
          return {0, fmt(si, sf), fmt(ri, rf), redis.call('ZCARD', KEYS[2])}
        end
        ri, rf = add(ri, rf, ai, af)
        redis.call('HSET', KEYS[1], 'reserved', fmt(ri, rf))
        redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1])
        redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
        for k = 1, 3 do redis.call('EXPIRE', KEYS[k], ARGV[6]) end
        return {1, fmt(si, sf), fmt(ri, rf), redis.call('ZCARD', KEYS[2])}
        """;

    /// <summary>
    /// Closes a reservation once: drops its hold and, when settling, adds the real cost (also for a reservation that
    /// had already expired). A second close of the same id changes nothing.
    /// KEYS: totals, open, holds, closed. ARGV: id, cost, now, forget closed ids before, key retention (s), settle (1) or release (0).
    /// Returns 1 when this call closed it, 0 when it was already closed.
    /// </summary>
    public const string Close = Amounts + """
        if redis.call('ZSCORE', KEYS[4], ARGV[1]) then return 0 end
        local held = redis.call('HGET', KEYS[3], ARGV[1])
        if held then
          local ri, rf = parse(redis.call('HGET', KEYS[1], 'reserved'))
          local hi, hf = parse(held)
          ri, rf = sub(ri, rf, hi, hf)
          redis.call('HDEL', KEYS[3], ARGV[1])
          redis.call('ZREM', KEYS[2], ARGV[1])
          redis.call('HSET', KEYS[1], 'reserved', fmt(ri, rf))
        end
        if ARGV[6] == '1' then
          local si, sf = parse(redis.call('HGET', KEYS[1], 'settled'))
          local ci, cf = parse(ARGV[2])
          si, sf = add(si, sf, ci, cf)
          redis.call('HSET', KEYS[1], 'settled', fmt(si, sf))
        end
        redis.call('ZADD', KEYS[4], ARGV[3], ARGV[1])
        redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', '(' .. ARGV[4])
        for k = 1, 4 do
          if redis.call('EXISTS', KEYS[k]) == 1 then redis.call('EXPIRE', KEYS[k], ARGV[5]) end
        end
        return 1
        """;

    /// <summary>
    /// Reads a period's totals after dropping expired reservations.
    /// KEYS: totals, open, holds. ARGV: now. Returns {settled, reserved, open count}.
    /// </summary>
    public const string Summary = Amounts + """
        local ri, rf = purge(KEYS[1], KEYS[2], KEYS[3], ARGV[1])
        local si, sf = parse(redis.call('HGET', KEYS[1], 'settled'))
        return {fmt(si, sf), fmt(ri, rf), redis.call('ZCARD', KEYS[2])}
        """;

    /// <summary>
    /// Starts a provider's cooldown unless one already ends later. KEYS: cooldown. ARGV: value (<c>kind|until</c>),
    /// until (Unix ms), time to live (ms). Returns 1 when set, 0 when a longer one was kept.
    /// </summary>
    public const string StartCooldown = """
        local current = redis.call('GET', KEYS[1])
        if current then
          local untilMs = tonumber(string.match(current, '|(%d+)$'))
          if untilMs and untilMs >= tonumber(ARGV[2]) then return 0 end
        end
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
        return 1
        """;

    /// <summary>
    /// Takes one request from a provider's sliding one-minute window (the previous minute weighted by how much of it
    /// still overlaps the window, plus the current minute), if the request and token limits allow it.
    /// KEYS: this minute, the previous minute. ARGV: now (Unix ms), window (ms), requests limit (0: none), tokens limit (0: none).
    /// Returns {1} when taken, or {0, retry after (ms), 'requests' or 'tokens'}.
    /// </summary>
    public const string AcquireRate = """
        local now, w = tonumber(ARGV[1]), tonumber(ARGV[2])
        local rpm, tpm = tonumber(ARGV[3]), tonumber(ARGV[4])
        local into = now % w
        local weight = (w - into) / w
        local function field(key, name) return tonumber(redis.call('HGET', key, name) or '0') end
        local function retry(prev, cur, room)
          local t
          if cur <= room then
            if prev <= 0 then return 1 end
            t = (w - into) - (room - cur) * w / prev
          elseif cur <= 0 then
            t = w - into
          else
            t = (w - into) + (w - room * w / cur)
          end
          if t < 1 then t = 1 end
          return math.ceil(t)
        end
        if rpm > 0 then
          local pr, cr = field(KEYS[2], 'requests'), field(KEYS[1], 'requests')
          if pr * weight + cr + 1 > rpm then return {0, retry(pr, cr, rpm - 1), 'requests'} end
        end
        if tpm > 0 then
          local pt, ct = field(KEYS[2], 'tokens'), field(KEYS[1], 'tokens')
          if pt * weight + ct >= tpm then return {0, retry(pt, ct, tpm - 1), 'tokens'} end
        end
        redis.call('HINCRBY', KEYS[1], 'requests', 1)
        redis.call('PEXPIRE', KEYS[1], 2 * w)
        return {1}
        """;

    /// <summary>Adds the tokens a call used to this minute. KEYS: this minute. ARGV: tokens, time to live (ms).</summary>
    public const string RecordTokens = """
        redis.call('HINCRBY', KEYS[1], 'tokens', ARGV[1])
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return 1
        """;
}
