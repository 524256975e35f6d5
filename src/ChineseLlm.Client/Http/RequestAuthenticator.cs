namespace ChineseLlm.Client.Http;

/// <summary>Adds a provider's credentials to an outgoing request (bearer key, OAuth token, JWT, signature…).</summary>
internal abstract class RequestAuthenticator
{
    /// <summary>Adds the credentials to <paramref name="request"/>, whose content is already set.</summary>
    public abstract ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken);
}
