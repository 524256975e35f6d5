namespace ChineseLlm.Client;

/// <summary>What the router does with a budgeted call while the shared budget in Redis cannot be reached.</summary>
/// <remarks>
/// Only the budget follows this policy. Cooldowns fall back to what this instance saw itself, and fleet rate limits
/// let calls through, since neither can overspend.
/// </remarks>
public enum RedisUnavailablePolicy
{
    /// <summary>
    /// Refuse the call before anything is sent, with a <see cref="ChineseLlmException"/> of kind
    /// <see cref="LlmErrorKind.BudgetExceeded"/> that says Redis is unavailable: no call can pass the budget unseen.
    /// </summary>
    FailClosed = 0,

    /// <summary>
    /// Let the call go ahead unbudgeted; its cost is added to the shared ledger when Redis is back (this instance keeps
    /// the unrecorded costs in memory meanwhile, up to a bound). The fleet may overspend while Redis is down.
    /// </summary>
    FailOpen = 1,
}
