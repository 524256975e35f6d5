namespace ChineseLlm.Client.Routing;

/// <summary>Log messages of the cost-aware router (event ids 2000–2099). They name providers, models, kinds and amounts — never message content or a credential.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2000, EventName = "RouteChosen", Level = LogLevel.Debug,
        Message = "Routing a {Tier} call to {Provider}/{Model}, estimated {EstimatedCost} CNY ({Eligible} eligible models).")]
    public static partial void RouteChosen(ILogger logger, ModelTier tier, string provider, string model, decimal? estimatedCost, int eligible);

    [LoggerMessage(EventId = 2001, EventName = "RouteFailingOver", Level = LogLevel.Information,
        Message = "{Provider}/{Model} failed with {Kind} before any content was returned; trying the next model.")]
    public static partial void FailingOver(ILogger logger, string provider, string model, LlmErrorKind? kind);

    [LoggerMessage(EventId = 2002, EventName = "ProviderCoolingDown", Level = LogLevel.Warning,
        Message = "Provider {Provider} is left out of routing for {Cooldown} after {Kind}.")]
    public static partial void CoolingDown(ILogger logger, string provider, TimeSpan cooldown, LlmErrorKind? kind);

    [LoggerMessage(EventId = 2003, EventName = "BudgetRefused", Level = LogLevel.Warning,
        Message = "A call estimated at {EstimatedCost} CNY was refused: budget {Period} has {Committed} CNY spent or reserved of {Limit} CNY.")]
    public static partial void BudgetRefused(ILogger logger, decimal estimatedCost, string period, decimal committed, decimal limit);

    [LoggerMessage(EventId = 2004, EventName = "RouteCompleted", Level = LogLevel.Debug,
        Message = "{Provider}/{Model} answered; cost {Cost} CNY after {Attempts} attempt(s).")]
    public static partial void RouteCompleted(ILogger logger, string provider, string model, decimal? cost, int attempts);

    [LoggerMessage(EventId = 2005, EventName = "RoutingSettingsReloaded", Level = LogLevel.Information,
        Message = "Routing settings reloaded: {Models} models in the catalog.")]
    public static partial void SettingsReloaded(ILogger logger, int models);

    [LoggerMessage(EventId = 2006, EventName = "RoutingSettingsReloadFailed", Level = LogLevel.Error,
        Message = "Routing settings were not reloaded; the previous ones stay in force: {Problem}")]
    public static partial void SettingsReloadFailed(ILogger logger, string problem);

    [LoggerMessage(EventId = 2007, EventName = "SpendLedgerFailed", Level = LogLevel.Error,
        Message = "The spend ledger failed to {Operation} reservation {Reservation}.")]
    public static partial void LedgerFailed(ILogger logger, Exception exception, string operation, string reservation);

    [LoggerMessage(EventId = 2008, EventName = "ModelUnavailable", Level = LogLevel.Warning,
        Message = "{Provider} answered ModelNotFound for {Model}: the catalog row {Provider}/{Model} (tier {Tier}, source {Source}) is left out of routing for {Cooldown}. Mark the row Retired in the catalog, or fix it in ChineseLlm:Models.")]
    public static partial void ModelUnavailable(ILogger logger, string provider, string model, ModelTier? tier, string? source, TimeSpan cooldown);

    [LoggerMessage(EventId = 2009, EventName = "ModelUnavailableNotRecorded", Level = LogLevel.Error,
        Message = "The provider health store failed to record that {Provider}/{Model} is unavailable.")]
    public static partial void ModelUnavailableNotRecorded(ILogger logger, Exception exception, string provider, string model);
}
