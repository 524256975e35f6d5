namespace ChineseLlm.Client.Providers.Ernie;

/// <summary>Qianfan v2: the console key as a bearer token, plus the optional <c>appid</c> header (docs/protocols/ernie.md).</summary>
internal sealed class ErnieAuthenticator : RequestAuthenticator
{
    private readonly BearerTokenAuthenticator _bearer;
    private readonly string? _appId;

    public ErnieAuthenticator(string apiKey, string? appId)
    {
        _bearer = new BearerTokenAuthenticator(apiKey);
        _appId = string.IsNullOrWhiteSpace(appId) ? null : appId.Trim();
    }

    public override async ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await _bearer.AuthenticateAsync(request, cancellationToken).ConfigureAwait(false);
        if (_appId is not null)
        {
            request.Headers.TryAddWithoutValidation("appid", _appId);
        }
    }

    public override string ToString() => "Bearer ***";
}
