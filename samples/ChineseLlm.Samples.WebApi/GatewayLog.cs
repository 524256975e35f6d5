namespace ChineseLlm.Samples.WebApi;

/// <summary>The gateway's start-up lines: whether it calls the real vendors or the offline simulator.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(EventId = 1, EventName = "GatewayOnline", Level = LogLevel.Information,
        Message = "Online: calling the real vendors with your keys ({Providers}).")]
    public static partial void Online(ILogger logger, string providers);

    [LoggerMessage(EventId = 2, EventName = "GatewayOffline", Level = LogLevel.Warning,
        Message = "Offline: no keys found, so a simulator answers in each vendor's real wire format ({Providers}); nothing leaves this machine. Set e.g. DEEPSEEK_API_KEY or ChineseLlm__Providers__DeepSeek__ApiKey to call the real vendors.")]
    public static partial void Offline(ILogger logger, string providers);
}
