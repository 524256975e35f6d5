namespace ChineseLlm.Client.Providers.Pangu;

/// <summary>
/// Sends a ModelArts Studio API key the way the endpoint expects it: <c>Authorization: Bearer &lt;key&gt;</c> on the
/// OpenAI-format route, <c>X-Apig-AppCode: &lt;key&gt;</c> on a V1 deployment path (<c>…/deployments/{id}</c>).
/// </summary>
internal sealed class PanguApiKeyAuthenticator : RequestAuthenticator
{
    private readonly string _headerName;
    private readonly string _headerValue;

    public PanguApiKeyAuthenticator(string apiKey, Uri endpoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        ArgumentNullException.ThrowIfNull(endpoint);
        UsesAppCode = IsDeploymentPath(endpoint);
        _headerName = UsesAppCode ? "X-Apig-AppCode" : "Authorization";
        _headerValue = UsesAppCode ? apiKey.Trim() : "Bearer " + apiKey.Trim();
    }

    /// <summary>Gets a value indicating whether the key goes in <c>X-Apig-AppCode</c> (V1 deployment path).</summary>
    public bool UsesAppCode { get; }

    public override ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.TryAddWithoutValidation(_headerName, _headerValue);
        return ValueTask.CompletedTask;
    }

    /// <summary>Never prints the key.</summary>
    public override string ToString() => UsesAppCode ? "X-Apig-AppCode ***" : "Bearer ***";

    internal static bool IsDeploymentPath(Uri endpoint) =>
        endpoint.AbsolutePath.Contains("/deployments/", StringComparison.OrdinalIgnoreCase);
}
