namespace ChineseLlm.Client.Providers.Qwen;

/// <summary>DashScope auth: <c>Authorization: Bearer &lt;key&gt;</c> on both protocols, plus the optional workspace header.</summary>
internal sealed class QwenAuthenticator : RequestAuthenticator
{
    private readonly BearerTokenAuthenticator _bearer;
    private readonly string? _workspaceId;

    public QwenAuthenticator(string apiKey, string? workspaceId)
    {
        _bearer = new BearerTokenAuthenticator(apiKey);
        _workspaceId = string.IsNullOrWhiteSpace(workspaceId) ? null : workspaceId.Trim();
    }

    public override ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_workspaceId is not null)
        {
            request.Headers.TryAddWithoutValidation("X-DashScope-WorkSpace", _workspaceId);
        }

        return _bearer.AuthenticateAsync(request, cancellationToken);
    }

    /// <summary>Never prints the key.</summary>
    public override string ToString() => "Bearer ***";
}
