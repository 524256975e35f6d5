namespace ChineseLlm.Client.OpenAiCompatible;

/// <summary>Builds the driver over the OpenAI-dialect protocol for a provider's public client.</summary>
internal static class OpenAiCompatibleChatClientFactory
{
    public static IChatClient Create(
        OpenAiCompatibleDialect dialect,
        ChineseLlmProviderOptions options,
        RequestAuthenticator? authenticator,
        ProviderServices services)
    {
        ProviderOptionsGuard.ThrowIfInvalid(options);
        var settings = ProviderClientSettings.From(options, dialect.DefaultEndpoint, dialect.DefaultModel);
        return ProviderChatClientFactory.Create(
            new OpenAiCompatibleProtocol(dialect, settings.Endpoint),
            settings,
            options,
            authenticator ?? new BearerTokenAuthenticator(options.ApiKey!),
            services);
    }
}
