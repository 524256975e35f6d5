using ChineseLlm.Client.Providers.Ernie.Wire;

namespace ChineseLlm.Client.Providers.Ernie;

/// <summary>
/// The v1 OAuth client-credentials token (docs/protocols/ernie.md): fetched once, cached until shortly before it expires (measured with
/// <see cref="TimeProvider"/>), shared by concurrent calls (one fetch in flight), and dropped when Baidu rejects it.
/// The token and the secret travel in a URL query; neither is ever logged or put in an exception.
/// </summary>
/// <remarks>
/// The fetch belongs to no single caller: every caller that needs a token while it runs awaits the same task, and a
/// caller that gives up (its cancellation or deadline) stops waiting without aborting the fetch for the others. The
/// fetch itself is bounded by the provider's <c>Timeout</c>. A failed fetch is not cached; the next caller tries again.
/// </remarks>
internal sealed class ErnieAccessTokenProvider : IDisposable
{
    /// <summary>Tokens are renewed this long before Baidu says they expire (they live 30 days).</summary>
    internal static readonly TimeSpan RefreshMargin = TimeSpan.FromHours(1);

    /// <summary>The lifetime assumed when the answer states none: the documented 30 days.</summary>
    internal static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(30);

    private readonly HttpClient _httpClient;
    private readonly Uri _tokenUri;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _fetchTimeout;
    private readonly Lock _gate = new();
    private CachedToken? _current;
    private Task<CachedToken>? _pending;

    public ErnieAccessTokenProvider(HttpClient httpClient, Uri baseUri, string apiKey, string secretKey, TimeProvider timeProvider, TimeSpan? fetchTimeout = null)
    {
        _httpClient = httpClient;
        _timeProvider = timeProvider;
        _fetchTimeout = fetchTimeout ?? ProviderDefaults.Timeout;
        _tokenUri = new Uri(
            ProviderEndpoint.Combine(baseUri, "oauth/2.0/token") +
            "?grant_type=client_credentials&client_id=" + Uri.EscapeDataString(apiKey.Trim()) +
            "&client_secret=" + Uri.EscapeDataString(secretKey.Trim()));
    }

    /// <summary>Returns a valid token: the cached one, or the result of the one fetch in flight (started when none is).</summary>
    /// <exception cref="ChineseLlmException">The token could not be obtained (wrong API Key or Secret Key, network, timeout).</exception>
    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        Task<CachedToken> pending;
        lock (_gate)
        {
            if (_current is { } cached && cached.RefreshAt > _timeProvider.GetUtcNow())
            {
                return cached.Token;
            }

            // Task.Run: the fetch never completes inside this lock, so _pending is set before the fetch clears it.
            pending = _pending ??= Task.Run(FetchAndStoreAsync);
        }

        return (await pending.WaitAsync(cancellationToken).ConfigureAwait(false)).Token;
    }

    /// <summary>Forgets <paramref name="rejected"/> if it is still the cached token, so the next call fetches a new one (codes 110/111).</summary>
    /// <remarks>Comparing with the rejected token keeps many concurrent rejections of one token to a single refresh.</remarks>
    public void Invalidate(string rejected)
    {
        lock (_gate)
        {
            if (_current is { } cached && cached.Token == rejected)
            {
                _current = null;
            }
        }
    }

    public void Dispose()
    {
        // Nothing to release: a fetch in flight ends on its own timeout.
    }

    private async Task<CachedToken> FetchAndStoreAsync()
    {
        try
        {
            var token = await FetchAsync().ConfigureAwait(false);
            lock (_gate)
            {
                _current = token;
                _pending = null;
            }

            return token;
        }
        catch
        {
            lock (_gate)
            {
                _pending = null;
            }

            throw;
        }
    }

    private async Task<CachedToken> FetchAsync()
    {
        using var call = new ProviderCall("ernie", _fetchTimeout, _timeProvider, CancellationToken.None);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _tokenUri);
            using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, call.Token).ConfigureAwait(false);
            var body = await PooledBody.ReadBytesAsync(response.Content, ErrorBodyReader.MaxBodyBytes, "ernie", call.Token).ConfigureAwait(false); // a token is < 1 KB
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
                // Clamped to the documented 30 days: an expires_in of 10^12 s does not fit a TimeSpan added to the clock.
                var lifetime = token.ExpiresIn is { } seconds && seconds > 0
                    ? TimeSpan.FromSeconds(Math.Min(seconds, (long)DefaultLifetime.TotalSeconds))
                    : DefaultLifetime;
                var usable = lifetime > RefreshMargin * 2 ? lifetime - RefreshMargin : lifetime / 2;
                return new CachedToken(accessToken, _timeProvider.GetUtcNow() + usable);
            }

            // docs/protocols/ernie.md: the status of failures is undocumented; the body's `error` decides.
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
        catch (Exception ex) when (call.TryTranslate(ex, out var translated))
        {
            throw translated;
        }
    }

    /// <summary>A token and when to stop using it (a little before it expires). Never printed.</summary>
    private sealed record CachedToken(string Token, DateTimeOffset RefreshAt)
    {
        public override string ToString() => $"CachedToken {{ RefreshAt = {RefreshAt:O} }}";
    }
}
