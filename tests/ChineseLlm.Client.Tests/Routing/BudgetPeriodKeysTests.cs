namespace ChineseLlm.Client.Routing;

public sealed class BudgetPeriodKeysTests
{
    [Theory]
    [InlineData("2026-11-22T15:59:59Z", BudgetPeriod.Day, "day:2026-11-22")]
    [InlineData("2026-11-22T16:00:00Z", BudgetPeriod.Day, "day:2026-11-23")] // midnight in Beijing
    [InlineData("2026-11-22T15:59:59Z", BudgetPeriod.Week, "week:2026-W47")] // Sunday 23:59:59 Beijing
    [InlineData("2026-11-22T16:00:00Z", BudgetPeriod.Week, "week:2026-W48")] // Monday 00:00 Beijing
    [InlineData("2026-12-31T16:00:00Z", BudgetPeriod.Week, "week:2026-W53")] // 2027-01-01 belongs to ISO week 53 of 2026
    [InlineData("2026-11-30T15:59:59Z", BudgetPeriod.Month, "month:2026-11")]
    [InlineData("2026-11-30T16:00:00Z", BudgetPeriod.Month, "month:2026-12")]
    public void KeyOf_BeijingBoundaries_NameThePeriod(string instant, BudgetPeriod period, string expected)
    {
        Assert.Equal(expected, BudgetPeriodKeys.KeyOf(period, DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
