using ChineseLlm.Client.Http;
using ChineseLlm.Client.Telemetry;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace ChineseLlm.Client.OpenAiCompatible;

/// <summary>
/// Builds the engine for a provider's public client: validates options, picks or builds the HttpClient, and wraps the
/// engine in its telemetry (<see cref="TelemetryChatClient"/>), so every provider on this engine is instrumented.
/// </summary>
internal static class OpenAiCompatibleChatClientFactory
{
    public static IChatClient Create(
        OpenAiCompatibleDialect dialect,
        ChineseLlmProviderOptions options,
        RequestAuthenticator? authenticator,
        HttpClient? httpClient,
        TimeProvider? timeProvider,
        ILoggerFactory? loggerFactory,
        ChatInstrumentation? instrumentation = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ProviderOptionsGuard.ThrowIfInvalid(options);
        timeProvider ??= TimeProvider.System;
        authenticator ??= new BearerTokenAuthenticator(options.ApiKey!);

        var ownsHttpClient = httpClient is null;
        httpClient ??= ProviderResilience.CreateHttpClient(options, dialect, timeProvider);
#pragma warning disable CA2000 // the telemetry wrapper owns the engine and disposes it with itself.
        var engine = new OpenAiCompatibleChatClient(
            dialect,
            OpenAiCompatibleClientSettings.From(options, dialect),
            authenticator,
            httpClient,
            ownsHttpClient,
            timeProvider,
            loggerFactory?.CreateLogger("ChineseLlm.Client." + dialect.ProviderName));
        return new TelemetryChatClient(engine, instrumentation, timeProvider, loggerFactory);
#pragma warning restore CA2000
    }
}
