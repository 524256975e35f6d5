namespace ChineseLlm.Client.Providers.Hunyuan;

/// <summary>Signs each request with TC3-HMAC-SHA256 over its exact body and <c>Host</c>, at the current time.</summary>
internal sealed class Tc3Authenticator : RequestAuthenticator
{
    private readonly Tc3Signer _signer;
    private readonly string _action;
    private readonly string _version;
    private readonly string? _region;

    public Tc3Authenticator(Tc3Signer signer, string action, string version, string? region)
    {
        _signer = signer;
        _action = action;
        _version = version;
        _region = string.IsNullOrWhiteSpace(region) ? null : region.Trim();
    }

    public override async ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI to sign.");
        var payload = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var signed = _signer.Sign(HostHeader(uri), _action, _version, _region, payload);
        Derived.Add(SignatureOf(signed.Authorization));
        signed.ApplyTo(request);
    }

    /// <summary>The <c>Host</c> header HttpClient sends for <paramref name="uri"/>: the host, plus the port when not the default.</summary>
    internal static string HostHeader(Uri uri) =>
        uri.IsDefaultPort ? uri.IdnHost : string.Create(CultureInfo.InvariantCulture, $"{uri.IdnHost}:{uri.Port}");

    /// <summary>The <c>Signature=</c> part of a TC3 <c>Authorization</c> value, or <see langword="null"/>.</summary>
    internal static string? SignatureOf(string authorization)
    {
        const string Marker = "Signature=";
        var at = authorization.LastIndexOf(Marker, StringComparison.Ordinal);
        return at < 0 ? null : authorization[(at + Marker.Length)..].Trim();
    }

    /// <summary>Never prints the credentials.</summary>
    public override string ToString() => "TC3-HMAC-SHA256 ***";
}
