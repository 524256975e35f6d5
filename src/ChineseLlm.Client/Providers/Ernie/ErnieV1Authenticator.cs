namespace ChineseLlm.Client.Providers.Ernie;

/// <summary>
/// Qianfan v1: the cached OAuth token (<see cref="ErnieAccessTokenProvider"/>) in the <c>access_token</c> query
/// parameter (docs/protocols/ernie.md, "v1"); a token Baidu refuses inside a successful answer (codes 110/111) is dropped so the
/// driver re-sends once with a fresh one. The token is never logged: log messages name no URL.
/// </summary>
internal sealed class ErnieV1Authenticator : RequestAuthenticator, IDisposable
{
    private static readonly HttpRequestOptionsKey<string> TokenKey = new("ChineseLlm.Ernie.AccessToken");

    private readonly ErnieAccessTokenProvider _tokens;

    public ErnieV1Authenticator(ErnieAccessTokenProvider tokens) => _tokens = tokens;

    public override async ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        Derived.Add(token);
        request.Options.Set(TokenKey, token);
        request.RequestUri = new Uri(request.RequestUri + "?access_token=" + Uri.EscapeDataString(token));
    }

    public override bool Reject(HttpRequestMessage request, ChineseLlmException error)
    {
        if (error.ErrorCode is not ("110" or "111") || !request.Options.TryGetValue(TokenKey, out var token))
        {
            return false;
        }

        _tokens.Invalidate(token);
        return true;
    }

    public void Dispose() => _tokens.Dispose();

    /// <summary>Never prints the token.</summary>
    public override string ToString() => "access_token=***";
}
