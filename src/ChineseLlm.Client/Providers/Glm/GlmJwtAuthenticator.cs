using ChineseLlm.Client.Http;

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
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _tokens.GetToken());
        return ValueTask.CompletedTask;
    }

    /// <summary>Never prints the key or the token.</summary>
    public override string ToString() => "Bearer ***";
}
