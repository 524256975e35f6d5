using ChineseLlm.Client.Http;
using Microsoft.Extensions.Logging;

namespace ChineseLlm.Client.OpenAiCompatible;

/// <summary>Builds the engine for a provider's public client: validates options, picks or builds the HttpClient.</summary>
internal static class OpenAiCompatibleChatClientFactory
{
    public static OpenAiCompatibleChatClient Create(
        OpenAiCompatibleDialect dialect,
        ChineseLlmProviderOptions options,
        RequestAuthenticator? authenticator,
        HttpClient? httpClient,
        TimeProvider? timeProvider,
        ILoggerFactory? loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ProviderOptionsGuard.ThrowIfInvalid(options);
        timeProvider ??= TimeProvider.System;
        authenticator ??= new BearerTokenAuthenticator(options.ApiKey!);

        var ownsHttpClient = httpClient is null;
        httpClient ??= ProviderResilience.CreateHttpClient(options, dialect, timeProvider);
        return new OpenAiCompatibleChatClient(
            dialect,
            OpenAiCompatibleClientSettings.From(options, dialect),
            authenticator,
            httpClient,
            ownsHttpClient,
            timeProvider,
            loggerFactory?.CreateLogger("ChineseLlm.Client." + dialect.ProviderName));
    }
}
