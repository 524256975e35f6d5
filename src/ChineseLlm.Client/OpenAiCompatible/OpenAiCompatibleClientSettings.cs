namespace ChineseLlm.Client.OpenAiCompatible;

/// <summary>What one engine instance needs from the provider options, copied at construction (options may change later).</summary>
internal sealed record OpenAiCompatibleClientSettings(Uri Endpoint, string DefaultModel, TimeSpan Timeout, TimeSpan StreamIdleTimeout)
{
    public static OpenAiCompatibleClientSettings From(ChineseLlmProviderOptions options, OpenAiCompatibleDialect dialect) => new(
        options.Endpoint ?? dialect.DefaultEndpoint,
        string.IsNullOrWhiteSpace(options.DefaultModel) ? dialect.DefaultModel : options.DefaultModel.Trim(),
        options.Timeout,
        options.StreamIdleTimeout);
}
