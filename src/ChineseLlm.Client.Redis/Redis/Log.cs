using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ChineseLlm.Client.Redis;

/// <summary>Log messages of fleet mode (event ids 2100–2199). They name providers, periods, amounts and reasons — never a credential or a connection string.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2100, EventName = "RedisConnectionFailed", Level = LogLevel.Warning,
        Message = "The Redis connection to {EndPoint} failed ({FailureType}): {Reason}. The client reconnects by itself.")]
    public static partial void ConnectionFailed(ILogger logger, string endPoint, ConnectionFailureType failureType, string? reason);

    [LoggerMessage(EventId = 2101, EventName = "RedisConnectionRestored", Level = LogLevel.Information,
        Message = "The Redis connection to {EndPoint} is restored.")]
    public static partial void ConnectionRestored(ILogger logger, string endPoint);

    [LoggerMessage(EventId = 2102, EventName = "RedisNotConnectedYet", Level = LogLevel.Warning,
        Message = "Redis could not be reached within {ConnectTimeout}; the client keeps trying in the background.")]
    public static partial void NotConnectedYet(ILogger logger, TimeSpan connectTimeout);

    [LoggerMessage(EventId = 2110, EventName = "BudgetUnavailableRefused", Level = LogLevel.Error,
        Message = "A call estimated at {Amount} CNY was refused because the shared budget {Period} could not be checked ({Reason}); the policy is FailClosed.")]
    public static partial void BudgetUnavailableRefused(ILogger logger, Exception exception, decimal amount, string period, string reason);

    [LoggerMessage(EventId = 2111, EventName = "BudgetUnavailableAllowed", Level = LogLevel.Warning,
        Message = "A call estimated at {Amount} CNY goes ahead unbudgeted because the shared budget {Period} could not be checked ({Reason}); the policy is FailOpen.")]
    public static partial void BudgetUnavailableAllowed(ILogger logger, Exception exception, decimal amount, string period, string reason);

    [LoggerMessage(EventId = 2112, EventName = "BudgetCostPending", Level = LogLevel.Warning,
        Message = "The cost {Cost} CNY of reservation {Reservation} ({Period}) could not be recorded in Redis ({Reason}); it is kept to be recorded when Redis is back ({Pending} pending).")]
    public static partial void CostPending(ILogger logger, decimal cost, string reservation, string period, string reason, int pending);

    [LoggerMessage(EventId = 2113, EventName = "BudgetCostDropped", Level = LogLevel.Error,
        Message = "The cost {Cost} CNY of reservation {Reservation} ({Period}) could not be recorded in Redis and the pending list is full; it is lost to the shared budget.")]
    public static partial void CostDropped(ILogger logger, decimal cost, string reservation, string period);

    [LoggerMessage(EventId = 2114, EventName = "BudgetPendingRecorded", Level = LogLevel.Information,
        Message = "Recorded {Count} pending cost(s) in the shared budget now that Redis answers again.")]
    public static partial void PendingRecorded(ILogger logger, int count);

    [LoggerMessage(EventId = 2115, EventName = "BudgetReleaseFailed", Level = LogLevel.Warning,
        Message = "Reservation {Reservation} ({Period}) could not be released in Redis ({Reason}); it stops holding budget when it expires.")]
    public static partial void ReleaseFailed(ILogger logger, string reservation, string period, string reason);

    [LoggerMessage(EventId = 2120, EventName = "CooldownsUnavailable", Level = LogLevel.Warning,
        Message = "The fleet's provider cooldowns could not be read from Redis ({Reason}); using this instance's own.")]
    public static partial void CooldownsUnavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 2121, EventName = "CooldownNotShared", Level = LogLevel.Warning,
        Message = "The cooldown of {Provider} until {Until} could not be written to Redis ({Reason}); only this instance leaves it out.")]
    public static partial void CooldownNotShared(ILogger logger, string provider, DateTimeOffset until, string reason);

    [LoggerMessage(EventId = 2130, EventName = "RateLimitUnavailable", Level = LogLevel.Warning,
        Message = "The fleet rate limit of {Provider} could not be checked in Redis ({Reason}); the call goes ahead.")]
    public static partial void RateLimitUnavailable(ILogger logger, string provider, string reason);

    [LoggerMessage(EventId = 2131, EventName = "RateLimited", Level = LogLevel.Information,
        Message = "A call to {Provider} was held back by the fleet's {Limit} per minute limit; retry after {RetryAfter}.")]
    public static partial void RateLimited(ILogger logger, string provider, string limit, TimeSpan retryAfter);
}
