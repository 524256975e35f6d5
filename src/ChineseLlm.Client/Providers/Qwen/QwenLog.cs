namespace ChineseLlm.Client.Providers.Qwen;

/// <summary>Qwen-specific log messages. They never include a key, a header or message content.</summary>
internal static partial class QwenLog
{
    [LoggerMessage(EventId = 1004, EventName = "QwenApiKeyRejected", Level = LogLevel.Warning,
        Message = "qwen rejected the API key at {Host}. DashScope API keys are bound to the region they were created in " +
                  "(Beijing: dashscope.aliyuncs.com, Singapore: dashscope-intl.aliyuncs.com, Virginia: dashscope-us.aliyuncs.com, " +
                  "Hong Kong: cn-hongkong.dashscope.aliyuncs.com); if the key is valid, set ChineseLlm:Providers:Qwen:Region " +
                  "(or Endpoint) to the key's region.")]
    public static partial void ApiKeyRejected(ILogger logger, string host);
}
