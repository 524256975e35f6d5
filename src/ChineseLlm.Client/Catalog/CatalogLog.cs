using Microsoft.Extensions.Logging;

namespace ChineseLlm.Client.Catalog;

/// <summary>Log messages of the catalog's sources and checks (event ids 3000–3099). They name providers, keys and problems — never a credential.</summary>
internal static partial class CatalogLog
{
    [LoggerMessage(EventId = 3000, EventName = "CatalogListFailed", Level = LogLevel.Warning,
        Message = "The model list of {Provider} could not be read for the catalog check ({Problem}).")]
    public static partial void CatalogListFailed(ILogger logger, string provider, string problem);
}
