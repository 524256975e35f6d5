namespace ChineseLlm.Client.Redis;

/// <summary>What a budget script saw: the period's settled total, what open reservations hold, and how many are open.</summary>
internal readonly record struct BudgetTotals(decimal Settled, decimal Reserved, int OpenReservations);
