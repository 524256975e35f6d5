using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ChineseLlm.Client.Providers.Glm;

/// <summary>
/// Produces the bearer credential for Zhipu GLM (<c>open.bigmodel.cn</c>).
/// </summary>
/// <remarks>
/// <para>
/// A key of the form <c>id.secret</c> is turned into a short-lived HS256 JWT: header
/// <c>{"alg":"HS256","sign_type":"SIGN"}</c>, payload <c>{"api_key":id,"exp":ms,"timestamp":ms}</c> with both times in
/// Unix <b>milliseconds</b>, signed with the UTF-8 bytes of the secret half. Any other key is sent as it is.
/// Quirk (docs/protocols/glm.md, "Auth and request id"): the millisecond times and the non-standard <c>sign_type</c> header are
/// what the vendor's own SDK sends; a standard JWT library writing seconds would produce an already-expired token.
/// </para>
/// <para>
/// The token is cached and reused until <see cref="RefreshMargin"/> before it expires, then a new one is made. Times come
/// from the injected <see cref="TimeProvider"/>. Safe for concurrent use. The key and secret never appear in
/// <see cref="object.ToString"/> or in exceptions.
/// </para>
/// </remarks>
internal sealed class GlmTokenProvider
{
    /// <summary>How long a generated token is valid: thirty minutes.</summary>
    /// <remarks>
    /// The vendor's Python SDK uses three minutes and reuses a token for 150 s, but a token whose <c>exp</c> is less than
    /// about 134 s away has been observed to fail with HTTP 401 "Authorization Token已过期" (STranslate/STranslate#670,
    /// 2026-03), so a reused SDK-style token can fail near the end of its reuse. A longer lifetime and a wide margin avoid that.
    /// </remarks>
    internal static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(30);

    /// <summary>How long before its expiry a cached token is replaced: five minutes (well above the ~134 s the server wants left).</summary>
    internal static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    // Fixed header, base64url of {"alg":"HS256","sign_type":"SIGN"}; computed once.
    private static readonly string EncodedHeader =
        Base64Url.EncodeToString("""{"alg":"HS256","sign_type":"SIGN"}"""u8);

    private readonly string? _plainKey;
    private readonly string? _id;
    private readonly byte[]? _secret;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _lifetime;
    private readonly Lock _gate = new();
    // The token and the instant from which it is replaced, swapped as one immutable object. A Tuple, not a record,
    // so that no generated ToString can print the token.
    private volatile Tuple<string, DateTimeOffset>? _cached;

    /// <summary>Initializes a new instance of the <see cref="GlmTokenProvider"/> class.</summary>
    /// <param name="apiKey">The API key from the Zhipu console, either <c>id.secret</c> or an opaque key.</param>
    /// <param name="timeProvider">The clock for the token's <c>timestamp</c> and <c>exp</c> and for cache expiry.</param>
    /// <param name="lifetime">How long each token is valid; <see cref="DefaultLifetime"/> when <see langword="null"/>.
    /// Must be longer than <see cref="RefreshMargin"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="apiKey"/> is empty or white space.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="apiKey"/> or <paramref name="timeProvider"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lifetime"/> is not longer than <see cref="RefreshMargin"/>.</exception>
    public GlmTokenProvider(string apiKey, TimeProvider timeProvider, TimeSpan? lifetime = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        _lifetime = lifetime ?? DefaultLifetime;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_lifetime, RefreshMargin, nameof(lifetime));

        var key = apiKey.Trim();
        if (TrySplit(key, out var id, out var secret))
        {
            _id = id;
            _secret = Encoding.UTF8.GetBytes(secret);
        }
        else
        {
            _plainKey = key;
        }
    }

    /// <summary>Gets a value indicating whether the key has the <c>id.secret</c> form and is sent as a signed JWT.</summary>
    public bool UsesJwt => _secret is not null;

    /// <summary>Gets the value to send after <c>Bearer </c> in the <c>Authorization</c> header.</summary>
    /// <returns>The cached JWT (made anew when it is close to expiry), or the key as it is.</returns>
    public string GetToken()
    {
        if (_plainKey is not null)
        {
            return _plainKey;
        }

        var now = _timeProvider.GetUtcNow();
        var cached = _cached;
        if (cached is not null && now < cached.Item2)
        {
            return cached.Item1;
        }

        lock (_gate)
        {
            now = _timeProvider.GetUtcNow();
            cached = _cached;
            if (cached is not null && now < cached.Item2)
            {
                return cached.Item1;
            }

            var expiresAt = now + _lifetime;
            var token = CreateToken(now, expiresAt);
            _cached = Tuple.Create(token, expiresAt - RefreshMargin);
            return token;
        }
    }

    /// <inheritdoc />
    public override string ToString() => UsesJwt ? "GlmTokenProvider (JWT)" : "GlmTokenProvider (API key)";

    private static bool TrySplit(string key, out string id, out string secret)
    {
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && dot < key.Length - 1 && key.IndexOf('.', dot + 1) < 0)
        {
            id = key[..dot];
            secret = key[(dot + 1)..];
            return true;
        }

        id = string.Empty;
        secret = string.Empty;
        return false;
    }

    private string CreateToken(DateTimeOffset now, DateTimeOffset expiresAt)
    {
        var payload = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            writer.WriteString("api_key", _id);
            writer.WriteNumber("exp", expiresAt.ToUnixTimeMilliseconds());
            writer.WriteNumber("timestamp", now.ToUnixTimeMilliseconds());
            writer.WriteEndObject();
        }

        var signingInput = string.Concat(EncodedHeader, ".", Base64Url.EncodeToString(payload.WrittenSpan));
        var signature = HMACSHA256.HashData(_secret!, Encoding.ASCII.GetBytes(signingInput));
        return string.Concat(signingInput, ".", Base64Url.EncodeToString(signature));
    }
}
