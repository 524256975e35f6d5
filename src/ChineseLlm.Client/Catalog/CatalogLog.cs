namespace ChineseLlm.Client.Catalog;

/// <summary>Log messages of the catalog's sources and checks (event ids 3000–3099). They name providers, keys and problems — never a credential (a URL is shown without its query).</summary>
internal static partial class CatalogLog
{
    [LoggerMessage(EventId = 3000, EventName = "CatalogListFailed", Level = LogLevel.Warning,
        Message = "The model list of {Provider} could not be read for the catalog check ({Problem}).")]
    public static partial void CatalogListFailed(ILogger logger, string provider, string problem);

    [LoggerMessage(EventId = 3001, EventName = "CatalogApplied", Level = LogLevel.Information,
        Message = "The model catalog of {AsOf:yyyy-MM-dd} from {Origin} is in force ({Models} rows).")]
    public static partial void CatalogApplied(ILogger logger, DateOnly asOf, string origin, int models);

    [LoggerMessage(EventId = 3002, EventName = "CatalogRejected", Level = LogLevel.Warning,
        Message = "The model catalog from {Origin} was not put in force ({Problem}); the catalog of {AsOf:yyyy-MM-dd} from {InForce} stays in force.")]
    public static partial void CatalogRejected(ILogger logger, string origin, string problem, DateOnly asOf, string inForce);

    [LoggerMessage(EventId = 3003, EventName = "CatalogNotModified", Level = LogLevel.Debug,
        Message = "The model catalog at {Origin} is not modified (304); the catalog in force stays.")]
    public static partial void CatalogNotModified(ILogger logger, string origin);
}
