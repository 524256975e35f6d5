namespace ChineseLlm.Client.DependencyInjection;

/// <summary>How one provider is wired into dependency injection. Adding a provider = one entry in <see cref="ProviderRegistrations"/>.</summary>
/// <param name="Key">The keyed-service key and provider name, such as <c>deepseek</c>.</param>
/// <param name="SectionName">The configuration section under <c>ChineseLlm:Providers</c>, such as <c>DeepSeek</c>.</param>
/// <param name="Select">Picks this provider's options out of the root options.</param>
/// <param name="ErrorMapper">The error mapper the retry predicate uses for these options (protocol may depend on them).</param>
/// <param name="Create">Builds the client from its options, the named HttpClient and the service provider.</param>
internal sealed record ProviderRegistration(
    string Key,
    string SectionName,
    Func<ChineseLlmProviders, ChineseLlmProviderOptions> Select,
    Func<ChineseLlmProviderOptions, IProviderErrorMapper> ErrorMapper,
    Func<IServiceProvider, ChineseLlmProviderOptions, HttpClient, IChatClient> Create)
{
    /// <summary>Gets the name of this provider's HttpClient in <see cref="IHttpClientFactory"/>.</summary>
    public string HttpClientName => ProviderRegistrations.HttpClientNamePrefix + Key;

    /// <summary>Gets the configuration path of this provider's section, used in validation messages.</summary>
    public string ConfigurationPath => $"{ChineseLlmOptions.SectionName}:Providers:{SectionName}";
}
