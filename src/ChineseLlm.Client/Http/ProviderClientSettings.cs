namespace ChineseLlm.Client.Http;

/// <summary>What one client needs from the provider options, copied at construction (options may change later).</summary>
/// <param name="Endpoint">The base URI (the option, or the protocol's documented default).</param>
/// <param name="DefaultModel">The model used when a call names none.</param>
/// <param name="Timeout">The most one call may take, retries included.</param>
/// <param name="StreamIdleTimeout">The most a stream may wait for its next event.</param>
/// <param name="MaxResponseBytes">The largest response body or stream read.</param>
internal sealed record ProviderClientSettings(Uri Endpoint, string DefaultModel, TimeSpan Timeout, TimeSpan StreamIdleTimeout, long MaxResponseBytes = ProviderDefaults.MaxResponseBytes)
{
    /// <summary>Reads the settings from <paramref name="options"/>, falling back to the protocol's defaults.</summary>
    public static ProviderClientSettings From(ChineseLlmProviderOptions options, Uri defaultEndpoint, string defaultModel) => new(
        options.Endpoint ?? defaultEndpoint,
        string.IsNullOrWhiteSpace(options.DefaultModel) ? defaultModel : options.DefaultModel.Trim(),
        options.Timeout,
        options.StreamIdleTimeout,
        options.MaxResponseBytes)
    {
        Redactor = Telemetry.SecretRedactor.For(options),
    };

    /// <summary>Gets what masks the options' secrets in vendor text before it reaches an exception or a span.</summary>
    public Telemetry.SecretRedactor Redactor { get; init; } = Telemetry.SecretRedactor.None;
}
