namespace ChineseLlm.Client.Http;

/// <summary>
/// Sends the API key as <c>Authorization: Bearer &lt;key&gt;</c>, and the vendor's optional scope header when it is set
/// (ERNIE v2's <c>appid</c>, DashScope's <c>X-DashScope-WorkSpace</c>). The header values are built once.
/// </summary>
internal sealed class BearerTokenAuthenticator : RequestAuthenticator
{
    private readonly string _headerValue;
    private readonly string? _scopeHeader;
    private readonly string? _scopeValue;

    /// <param name="apiKey">The key.</param>
    /// <param name="scopeHeader">The name of the vendor's scope header (an app or workspace id), if it has one.</param>
    /// <param name="scopeValue">The configured scope; blank means the header is not sent.</param>
    public BearerTokenAuthenticator(string apiKey, string? scopeHeader = null, string? scopeValue = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        _headerValue = "Bearer " + apiKey.Trim();
        if (scopeHeader is not null && !string.IsNullOrWhiteSpace(scopeValue))
        {
            _scopeHeader = scopeHeader;
            _scopeValue = scopeValue.Trim();
        }
    }

    public override ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.TryAddWithoutValidation("Authorization", _headerValue);
        if (_scopeHeader is not null)
        {
            request.Headers.TryAddWithoutValidation(_scopeHeader, _scopeValue);
        }

        return ValueTask.CompletedTask;
    }

    public override string ToString() => "Bearer ***";
}
