using ChineseLlm.Client.Telemetry;

namespace ChineseLlm.Client.Http;

/// <summary>
/// Builds a provider's client: the driver over its protocol, the resilient HttpClient when the caller gives none (then
/// owned and disposed by the client), and the telemetry wrapper (<see cref="TelemetryChatClient"/>) every provider gets.
/// </summary>
internal static class ProviderChatClientFactory
{
    public static IChatClient Create<TRequest, TEvent, TState>(
        ChatProtocol<TRequest, TEvent, TState> protocol,
        ProviderClientSettings settings,
        ChineseLlmProviderOptions options,
        RequestAuthenticator authenticator,
        ProviderServices services)
        where TRequest : class
        where TEvent : class
        => Create(protocol, settings, options, protocol, _ => authenticator, services);

    /// <summary>
    /// Builds the client when the authenticator needs the HttpClient itself (a token endpoint on the same host), or
    /// when the resilience pipeline classifies with another mapper than the protocol's (errors inside HTTP 200).
    /// </summary>
    public static IChatClient Create<TRequest, TEvent, TState>(
        ChatProtocol<TRequest, TEvent, TState> protocol,
        ProviderClientSettings settings,
        ChineseLlmProviderOptions options,
        IProviderErrorMapper retryMapper,
        Func<HttpClient, RequestAuthenticator> createAuthenticator,
        ProviderServices services)
        where TRequest : class
        where TEvent : class
    {
        var ownsHttpClient = services.HttpClient is null;
        var httpClient = services.HttpClient ?? ProviderResilience.CreateHttpClient(options, retryMapper, services.TimeProvider);
        return Create(protocol, settings, createAuthenticator, httpClient, ownsHttpClient, services.TimeProvider, services.LoggerFactory, services.Instrumentation);
    }

    private static TelemetryChatClient Create<TRequest, TEvent, TState>(
        ChatProtocol<TRequest, TEvent, TState> protocol,
        ProviderClientSettings settings,
        Func<HttpClient, RequestAuthenticator> createAuthenticator,
        HttpClient httpClient,
        bool ownsHttpClient,
        TimeProvider timeProvider,
        ILoggerFactory? loggerFactory,
        ChatInstrumentation? instrumentation)
        where TRequest : class
        where TEvent : class
    {
#pragma warning disable CA2000 // the telemetry wrapper owns the driver and disposes it with itself.
        var driver = new ProviderChatClient<TRequest, TEvent, TState>(
            protocol,
            settings,
            createAuthenticator(httpClient),
            httpClient,
            ownsHttpClient,
            timeProvider,
            loggerFactory?.CreateLogger("ChineseLlm.Client." + protocol.ProviderName));
        return new TelemetryChatClient(driver, instrumentation, timeProvider, loggerFactory, driver.Redactor);
#pragma warning restore CA2000
    }
}
