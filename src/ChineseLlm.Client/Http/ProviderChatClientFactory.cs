using ChineseLlm.Client.Telemetry;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

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
        HttpClient? httpClient,
        TimeProvider? timeProvider,
        ILoggerFactory? loggerFactory,
        ChatInstrumentation? instrumentation)
        where TRequest : class
        where TEvent : class
    {
        timeProvider ??= TimeProvider.System;
        var ownsHttpClient = httpClient is null;
        httpClient ??= ProviderResilience.CreateHttpClient(options, protocol, timeProvider);
        return Create(protocol, settings, _ => authenticator, httpClient, ownsHttpClient, timeProvider, loggerFactory, instrumentation);
    }

    /// <summary>Builds the client when the authenticator needs the HttpClient itself (a token endpoint on the same host).</summary>
    public static IChatClient Create<TRequest, TEvent, TState>(
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
