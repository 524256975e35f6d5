namespace ChineseLlm.Client.Providers.Ernie.Wire;

/// <summary>The OAuth client-credentials answer (docs/protocols/ernie.md): a token and its lifetime, or an error.</summary>
internal sealed class ErnieOAuthToken
{
    public string? AccessToken { get; set; }

    public long? ExpiresIn { get; set; }

    public string? Error { get; set; }

    public string? ErrorDescription { get; set; }
}
