namespace ChineseLlm.Client.Telemetry;

/// <summary>
/// Log messages about what calls cost. They name the provider, model and token counts — never a credential, a URL
/// or message content.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1100, EventName = "ProviderCallPriced", Level = LogLevel.Debug,
        Message = "{Provider} call to {Model} cost {Cost} CNY: {InputTokens} input tokens ({CachedInputTokens} cached), {OutputTokens} output tokens.")]
    public static partial void CallPriced(ILogger logger, string provider, string model, decimal cost, long? inputTokens, long? cachedInputTokens, long? outputTokens);

    [LoggerMessage(EventId = 1101, EventName = "ProviderCallNotPriced", Level = LogLevel.Debug,
        Message = "{Provider} model {Model} has no price in the model catalog; the call's cost is not recorded.")]
    public static partial void CallNotPriced(ILogger logger, string provider, string model);
}
