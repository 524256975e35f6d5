namespace ChineseLlm.Client.Routing;

/// <summary>Names budget periods in Beijing time: <c>day:2026-11-23</c>, <c>week:2026-W48</c>, <c>month:2026-11</c>.</summary>
internal static class BudgetPeriodKeys
{
    private static readonly TimeZoneInfo Beijing = TimeZoneInfo.FindSystemTimeZoneById(RoutingDefaults.BudgetTimeZone);

    /// <summary>Returns the key of the <paramref name="period"/> that contains <paramref name="instant"/>.</summary>
    public static string KeyOf(BudgetPeriod period, DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Beijing).DateTime;
        return period switch
        {
            BudgetPeriod.Day => "day:" + local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            BudgetPeriod.Week => string.Create(CultureInfo.InvariantCulture, $"week:{ISOWeek.GetYear(local):D4}-W{ISOWeek.GetWeekOfYear(local):D2}"),
            BudgetPeriod.Month => "month:" + local.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            _ => throw new ArgumentOutOfRangeException(nameof(period), period, "Unknown budget period."),
        };
    }
}
