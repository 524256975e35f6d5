namespace ChineseLlm.Client.Http;

/// <summary>
/// Log messages of provider calls. They name the provider, model, status, vendor code and request id — never a
/// URL (ERNIE v1 carries its token in the query string), a header, a credential or message content.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, EventName = "ProviderCallStarting", Level = LogLevel.Debug,
        Message = "{Provider} call starting: model {Model}, streaming {Streaming}.")]
    public static partial void CallStarting(ILogger logger, string provider, string model, bool streaming);

    [LoggerMessage(EventId = 1001, EventName = "ProviderCallSucceeded", Level = LogLevel.Debug,
        Message = "{Provider} responded HTTP {StatusCode} for model {Model} in {ElapsedMilliseconds} ms, request id {RequestId}.")]
    public static partial void CallSucceeded(ILogger logger, string provider, string model, int statusCode, long elapsedMilliseconds, string? requestId);

    [LoggerMessage(EventId = 1002, EventName = "ProviderCallFailed", Level = LogLevel.Warning,
        Message = "{Provider} call failed: {Kind}, HTTP {StatusCode}, code {ErrorCode}, request id {RequestId}.")]
    public static partial void CallFailed(ILogger logger, string provider, LlmErrorKind kind, int? statusCode, string? errorCode, string? requestId);

    [LoggerMessage(EventId = 1003, EventName = "ProviderFieldDropped", Level = LogLevel.Debug,
        Message = "{Provider}: {Field} is not sent for model {Model} ({Reason}).")]
    public static partial void FieldDropped(ILogger logger, string provider, string field, string model, string reason);
}
