namespace ChineseLlm.Client.Http;

/// <summary>Adds a provider's credentials to an outgoing request (bearer key, OAuth token, JWT, signature…).</summary>
internal abstract class RequestAuthenticator
{
    /// <summary>Adds the credentials to <paramref name="request"/>, whose content is already set.</summary>
    public abstract ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken);

    /// <summary>
    /// Called when a successful answer to <paramref name="request"/> reports <paramref name="error"/>; returns
    /// <see langword="true"/> when the error means the credential this authenticator added was refused and dropped,
    /// so the driver re-sends once with a fresh one (ERNIE v1's OAuth token, codes 110/111).
    /// </summary>
    public virtual bool Reject(HttpRequestMessage request, ChineseLlmException error) => false;

    /// <summary>
    /// Gets the credentials this authenticator obtained or built (tokens, JWTs, signatures), which the provider's
    /// <see cref="Telemetry.SecretRedactor"/> masks as it masks the configured keys. Authenticators that derive one
    /// record it here when they put it on a request.
    /// </summary>
    public DerivedSecrets Derived { get; } = new();
}
