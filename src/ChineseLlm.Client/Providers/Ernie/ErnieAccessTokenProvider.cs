using System.Text.Json;
using ChineseLlm.Client.Http;
using ChineseLlm.Client.Providers.Ernie.Wire;

namespace ChineseLlm.Client.Providers.Ernie;

/// <summary>
/// The v1 OAuth client-credentials token (§2.5): fetched once, cached until shortly before it expires (measured with
/// <see cref="TimeProvider"/>), shared by concurrent calls (one fetch in flight), and dropped when Baidu rejects it.
/// The token and the secret travel in a URL query; neither is ever logged or put in an exception.
/// </summary>
internal sealed class ErnieAccessTokenProvider : IDisposable
{
    /// <summary>Tokens are renewed this long before Baidu says they expire (they live 30 days).</summary>
    internal static readonly TimeSpan RefreshMargin = TimeSpan.FromHours(1);

    private readonly HttpClient _httpClient;
    private readonly Uri _tokenUri;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private CachedToken? _current;

    public ErnieAccessTokenProvider(HttpClient httpClient, Uri baseUri, string apiKey, string secretKey, TimeProvider timeProvider)
    {
        _httpClient = httpClient;
        _timeProvider = timeProvider;
        _tokenUri = new Uri(
            ProviderEndpoint.Combine(baseUri, "oauth/2.0/token") +
            "?grant_type=client_credentials&client_id=" + Uri.EscapeDataString(apiKey.Trim()) +
            "&client_secret=" + Uri.EscapeDataString(secretKey.Trim()));
    }

    /// <summary>Returns a valid token, fetching one when none is cached or the cached one is about to expire.</summary>
    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_current is { } cached && cached.ExpiresAt > _timeProvider.GetUtcNow())
        {
            return cached.Token;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { } again && again.ExpiresAt > _timeProvider.GetUtcNow())
            {
                return again.Token; // another caller fetched it while this one waited
            }

            _current = await FetchAsync(cancellationToken).ConfigureAwait(false);
            return _current.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets <paramref name="rejected"/> so the next call fetches a new token (codes 110/111).</summary>
    public void Invalidate(string rejected)
    {
        if (_current is { } cached && cached.Token == rejected)
        {
            _current = null;
        }
    }

    private async Task<CachedToken> FetchAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _tokenUri);
        using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        ErnieOAuthToken? token = null;
        try
        {
            token = body.Length == 0 ? null : JsonSerializer.Deserialize(body, ErnieJsonContext.Default.ErnieOAuthToken);
        }
        catch (JsonException)
        {
            // classified below
        }

        if (token?.AccessToken is { Length: > 0 } accessToken)
        {
            var lifetime = TimeSpan.FromSeconds(Math.Max(0, token.ExpiresIn ?? 0));
            var usable = lifetime > RefreshMargin * 2 ? lifetime - RefreshMargin : lifetime / 2;
            return new CachedToken(accessToken, _timeProvider.GetUtcNow() + usable);
        }

        // §2.5: the status of failures is undocumented; the body's `error` decides.
        var status = (int)response.StatusCode;
        var kind = token?.Error is not null || status is 400 or 401 or 403 ? LlmErrorKind.Authentication
            : status >= 500 ? LlmErrorKind.ServerError
            : LlmErrorKind.Protocol;
        throw new ChineseLlmException(
            "ernie",
            kind,
            token?.ErrorDescription is { } description
                ? $"the OAuth token request was refused: {description}. Check ApiKey and SecretKey."
                : "the OAuth token request did not return an access token.",
            status,
            token?.Error);
    }

    public void Dispose() => _gate.Dispose();

    private sealed record CachedToken(string Token, DateTimeOffset ExpiresAt);
}
