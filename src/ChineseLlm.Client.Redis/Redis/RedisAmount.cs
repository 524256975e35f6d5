using System.Globalization;

namespace ChineseLlm.Client.Redis;

/// <summary>
/// CNY amounts as Redis stores them: decimal strings with <see cref="RedisDefaults.AmountScale"/> decimal places,
/// which the Lua scripts add and compare exactly as (yuan, fraction) integer pairs — never as floating point.
/// </summary>
internal static class RedisAmount
{
    /// <summary>The largest amount stored (the scripts keep whole yuan as exact integers below 2⁵³).</summary>
    public const decimal Max = 999_999_999_999m;

    /// <summary>Formats an amount rounded to the storage scale: up for amounts held (never under-reserve), down for limits, to nearest for costs.</summary>
    public static string Format(decimal amount, MidpointRounding rounding)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(amount, Max);
        var rounded = decimal.Round(amount, RedisDefaults.AmountScale, rounding);
        return rounded.ToString("0.###############", CultureInfo.InvariantCulture);
    }

    /// <summary>Parses an amount the scripts returned (or a missing one as zero).</summary>
    public static decimal Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return 0m;
        }

        // Drop the trailing zeros of the fixed scale so that 1.500000000000000 reads back as 1.5.
        return decimal.Parse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) / 1.000000000000000000000000000000000m;
    }
}
