namespace ChineseLlm.Client.Redis;

/// <summary>The keys of one budget period (see <see cref="RedisKeys"/>).</summary>
internal readonly record struct BudgetKeys(string Totals, string Open, string Holds, string Closed);
