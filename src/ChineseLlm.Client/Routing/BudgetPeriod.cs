namespace ChineseLlm.Client;

/// <summary>
/// The period a spending budget (<c>ChineseLlm:Routing:Budget:Period</c>) covers. Periods follow Beijing time
/// (<c>Asia/Shanghai</c>, UTC+8), the time zone the vendors bill in; a new period starts with nothing spent.
/// </summary>
public enum BudgetPeriod
{
    /// <summary>A calendar day, from 00:00 to 24:00 Beijing time.</summary>
    Day = 0,

    /// <summary>A week from Monday 00:00 to the next Monday 00:00 Beijing time (ISO 8601 weeks).</summary>
    Week = 1,

    /// <summary>A calendar month, from the first day 00:00 Beijing time.</summary>
    Month = 2,
}
