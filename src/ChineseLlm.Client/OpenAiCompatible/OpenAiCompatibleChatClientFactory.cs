using ChineseLlm.Client.Http;
using ChineseLlm.Client.Telemetry;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace ChineseLlm.Client.OpenAiCompatible;

/// <summary>Builds the driver over the OpenAI-dialect protocol for a provider's public client.</summary>
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
        var settings = ProviderClientSettings.From(options, dialect.DefaultEndpoint, dialect.DefaultModel);
        return ProviderChatClientFactory.Create(
            new OpenAiCompatibleProtocol(dialect, settings.Endpoint),
            settings,
            options,
            authenticator ?? new BearerTokenAuthenticator(options.ApiKey!),
            httpClient,
            timeProvider,
            loggerFactory,
            instrumentation);
    }
}
