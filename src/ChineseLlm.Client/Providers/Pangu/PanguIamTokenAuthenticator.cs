using System.Buffers;
using System.Net;
using System.Text;

namespace ChineseLlm.Client.Providers.Pangu;

/// <summary>
/// Authenticates Pangu calls with a Huawei Cloud IAM token (<c>X-Auth-Token</c>), obtained with the documented
/// password method: <c>POST {IamEndpoint}/v3/auth/tokens</c> with the IAM user's name, password and account (domain)
/// name, scoped to the project (region) name; the token comes back in the <c>X-Subject-Token</c> response header and is
/// valid 24 hours. No request signing is involved. Tokens are cached and renewed an hour before they expire.
/// </summary>
/// <remarks>Thread-safe: concurrent calls share one token request. The password is kept only inside the prepared
/// request body and never appears in <see cref="ToString"/>, logs or exceptions.</remarks>
internal sealed class PanguIamTokenAuthenticator : RequestAuthenticator, IDisposable
{
    /// <summary>The largest IAM token answer read (docs/protocols/pangu.md, "Differences found").</summary>
    internal const int MaxTokenResponseBytes = 1024 * 1024;

    /// <summary>How long before the token's expiry it is renewed.</summary>
    internal static readonly TimeSpan RenewBeforeExpiry = TimeSpan.FromHours(1);

    /// <summary>The documented token lifetime, used when the response does not state <c>expires_at</c>.</summary>
    internal static readonly TimeSpan DocumentedLifetime = TimeSpan.FromHours(24);

    private readonly HttpClient _httpClient;
    private readonly bool _ownsHttpClient;
    private readonly Uri _tokenUri;
    private readonly byte[] _requestBody;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Tuple<string, DateTimeOffset>? _cached;

    public PanguIamTokenAuthenticator(PanguOptions options, HttpClient? httpClient, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        _ownsHttpClient = httpClient is null;
        // Without a caller's HttpClient the token request gets the same retries, timeouts and breaker as the chat calls.
        _httpClient = httpClient ?? ProviderResilience.CreateHttpClient(options, PanguDialect.Instance, timeProvider);
        _tokenUri = ProviderEndpoint.Combine(options.IamEndpoint ?? PanguOptions.DefaultIamEndpoint, "v3/auth/tokens");
        _requestBody = CreateRequestBody(options.IamUserName!, options.IamPassword!, options.IamDomainName!, options.IamProjectName ?? PanguOptions.DefaultIamProjectName);
    }

    public override async ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = await GetTokenAsync(cancellationToken).ConfigureAwait(false);
        Derived.Add(token);
        request.Headers.TryAddWithoutValidation("X-Auth-Token", token);
    }

    /// <summary>Never prints the credentials or the token.</summary>
    public override string ToString() => "X-Auth-Token *** (IAM password token)";

    public void Dispose()
    {
        _gate.Dispose();
        if (_ownsHttpClient)
        {
            _httpClient.Dispose();
        }
    }

    internal async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var cached = _cached;
        if (cached is not null && _timeProvider.GetUtcNow() < cached.Item2)
        {
            return cached.Item1;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            cached = _cached;
            var now = _timeProvider.GetUtcNow();
            if (cached is not null && now < cached.Item2)
            {
                return cached.Item1;
            }

            var (token, expiresAt) = await RequestTokenAsync(now, cancellationToken).ConfigureAwait(false);
            _cached = Tuple.Create(token, expiresAt - RenewBeforeExpiry);
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(string Token, DateTimeOffset ExpiresAt)> RequestTokenAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _tokenUri) { Content = new ByteArrayContent(_requestBody) };
        request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };

        HttpResponseMessage response;
        try
        {
            response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ChineseLlmException("pangu", LlmErrorKind.Network, "the IAM token request failed: " + ex.Message, innerException: ex);
        }

        using (response)
        {
            // Bounded by the library, not by what IAM sends or claims: a token answer (with its catalog) is some tens of
            // KB, so a body past MaxTokenResponseBytes is a Protocol error, not an allocation (docs/protocols/pangu.md, "Differences found").
            string body;
            try
            {
                body = Encoding.UTF8.GetString(
                    await PooledBody.ReadBytesAsync(response.Content, MaxTokenResponseBytes, "pangu", cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                throw new ChineseLlmException("pangu", LlmErrorKind.Network, "the IAM token answer was cut short: " + ex.Message, innerException: ex);
            }

            var requestId = response.Headers.TryGetValues("X-Request-Id", out var ids) ? ids.FirstOrDefault() : null;
            if (!response.IsSuccessStatusCode)
            {
                var kind = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest
                    ? LlmErrorKind.Authentication
                    : OpenAiCompatible.OpenAiCompatibleDialect.ClassifyStatus((int)response.StatusCode);
                throw new ChineseLlmException(
                    "pangu", kind, "the IAM token request was refused: " + ErrorBodyReader.Excerpt(body), (int)response.StatusCode, requestId: requestId);
            }

            if (!response.Headers.TryGetValues("X-Subject-Token", out var tokens) || tokens.FirstOrDefault() is not { Length: > 0 } token)
            {
                throw new ChineseLlmException(
                    "pangu", LlmErrorKind.Protocol, "the IAM token response had no X-Subject-Token header.", (int)response.StatusCode, requestId: requestId);
            }

            if (token.AsSpan().ContainsAnyExceptInRange('!', '~'))
            {
                throw new ChineseLlmException(
                    "pangu", LlmErrorKind.Protocol, "the IAM token response's X-Subject-Token header is not a token an HTTP header can carry.", (int)response.StatusCode, requestId: requestId);
            }

            // An expires_at the vendor cannot mean (year 1, year 9999) is clamped into (now, now + 24 h]: the cache
            // subtracts RenewBeforeExpiry from it, which must not overflow.
            var latest = now + DocumentedLifetime;
            var expiresAt = ReadExpiry(body) is { } at ? (at < now ? now : at > latest ? latest : at) : latest;
            return (token, expiresAt);
        }
    }

    /// <summary>Reads <c>token.expires_at</c> (ISO 8601) from the token response body, when present.</summary>
    private static DateTimeOffset? ReadExpiry(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("token", out var token) &&
                token.TryGetProperty("expires_at", out var expires) &&
                expires.ValueKind == JsonValueKind.String &&
                DateTimeOffset.TryParse(expires.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                    ? at
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static byte[] CreateRequestBody(string userName, string password, string domainName, string projectName)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = WireJson.CreateWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("auth");
            writer.WriteStartObject("identity");
            writer.WriteStartArray("methods");
            writer.WriteStringValue("password");
            writer.WriteEndArray();
            writer.WriteStartObject("password");
            writer.WriteStartObject("user");
            writer.WriteString("name", userName);
            writer.WriteString("password", password);
            writer.WriteStartObject("domain");
            writer.WriteString("name", domainName);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteStartObject("scope");
            writer.WriteStartObject("project");
            writer.WriteString("name", projectName);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
