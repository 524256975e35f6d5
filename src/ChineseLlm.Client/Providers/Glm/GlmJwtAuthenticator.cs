namespace ChineseLlm.Client.Providers.Glm;

/// <summary>Sends <c>Authorization: Bearer &lt;token&gt;</c> with the token from <see cref="GlmTokenProvider"/> (a JWT for <c>id.secret</c> keys).</summary>
internal sealed class GlmJwtAuthenticator : RequestAuthenticator
{
    private readonly GlmTokenProvider _tokens;

    public GlmJwtAuthenticator(GlmTokenProvider tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        _tokens = tokens;
    }

    public override ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = _tokens.GetToken();
        Derived.Add(token); // a JWT built from the key is a credential too (docs/protocols/glm.md)
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        return ValueTask.CompletedTask;
    }

    /// <summary>Never prints the key or the token.</summary>
    public override string ToString() => "Bearer ***";
}
