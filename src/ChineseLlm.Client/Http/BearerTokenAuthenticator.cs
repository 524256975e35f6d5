namespace ChineseLlm.Client.Http;

/// <summary>Sends the API key as <c>Authorization: Bearer &lt;key&gt;</c>. The header value is built once.</summary>
internal sealed class BearerTokenAuthenticator : RequestAuthenticator
{
    private readonly string _headerValue;

    public BearerTokenAuthenticator(string apiKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        _headerValue = "Bearer " + apiKey.Trim();
    }

    public override ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.TryAddWithoutValidation("Authorization", _headerValue);
        return ValueTask.CompletedTask;
    }

    /// <summary>Never prints the key.</summary>
    public override string ToString() => "Bearer ***";
}
