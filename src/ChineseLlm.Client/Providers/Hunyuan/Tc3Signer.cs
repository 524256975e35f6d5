using System.Security.Cryptography;
using System.Text;

namespace ChineseLlm.Client.Providers.Hunyuan;

/// <summary>
/// Signs Tencent Cloud API 3.0 requests with TC3-HMAC-SHA256 (签名方法 v3).
/// </summary>
/// <remarks>
/// <para>The algorithm (docs/protocols/hunyuan.md and cloud.tencent.com/document/api/213/30654):
/// CanonicalRequest = <c>POST\n/\n\n</c> + canonical headers + <c>\n</c> + signed headers + <c>\n</c> + hex(SHA256(body));
/// StringToSign = <c>TC3-HMAC-SHA256\n{timestamp}\n{date}/{service}/tc3_request\n</c> + hex(SHA256(CanonicalRequest));
/// the signing key is HMAC-chained from <c>"TC3" + SecretKey</c> over the UTC date, the service and <c>tc3_request</c>.</para>
/// <para>Like the official SDKs it signs <c>content-type</c> and <c>host</c> only, and always POSTs JSON with
/// <see cref="WireJson.ContentType"/>, the one every request body is sent with: the content type sent must be
/// byte-for-byte the one signed.</para>
/// <para>The secret key is kept only as the UTF-8 bytes of <c>"TC3" + SecretKey</c>, the first HMAC key, and never
/// appears in a string this type produces.</para>
/// </remarks>
internal sealed class Tc3Signer
{
    /// <summary>The signature algorithm name, the first word of the <c>Authorization</c> header.</summary>
    internal const string Algorithm = "TC3-HMAC-SHA256";

    /// <summary>The headers this signer signs, lowercase, sorted, separated by semicolons.</summary>
    internal const string SignedHeaderNames = "content-type;host";

    private const string TerminationString = "tc3_request";

    private readonly string _secretId;
    private readonly byte[] _prefixedSecretKey;
    private readonly string _service;
    private readonly TimeProvider _timeProvider;

    /// <summary>Initializes a new instance of the <see cref="Tc3Signer"/> class.</summary>
    /// <param name="secretId">The SecretId (it appears in the <c>Credential</c> of every request).</param>
    /// <param name="secretKey">The SecretKey (only ever used as HMAC key material).</param>
    /// <param name="service">The service name in the credential scope, such as <c>hunyuan</c>.</param>
    /// <param name="timeProvider">The clock that supplies <c>X-TC-Timestamp</c>.</param>
    public Tc3Signer(string secretId, string secretKey, string service, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secretId);
        ArgumentException.ThrowIfNullOrEmpty(secretKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        ArgumentNullException.ThrowIfNull(timeProvider);

        _secretId = secretId;
        _service = service;
        _timeProvider = timeProvider;

        // "TC3" + SecretKey, encoded once, without building the concatenated string.
        _prefixedSecretKey = new byte[3 + Encoding.UTF8.GetByteCount(secretKey)];
        "TC3"u8.CopyTo(_prefixedSecretKey);
        Encoding.UTF8.GetBytes(secretKey, _prefixedSecretKey.AsSpan(3));
    }

    /// <summary>Gets the service name in the credential scope.</summary>
    public string Service => _service;

    /// <summary>Signs a JSON POST to <paramref name="host"/> with the current time from the <see cref="TimeProvider"/>.</summary>
    /// <param name="host">The <c>Host</c> header the request is sent with (host, plus <c>:port</c> when not the default).</param>
    /// <param name="action">The API action, such as <c>ChatCompletions</c>.</param>
    /// <param name="version">The API version, such as <c>2023-09-01</c>.</param>
    /// <param name="region">The region, or <see langword="null"/> when the API does not need one.</param>
    /// <param name="payload">The exact request body bytes.</param>
    /// <returns>The headers to set on the request.</returns>
    public Tc3SignedHeaders Sign(string host, string action, string version, string? region, ReadOnlySpan<byte> payload)
        => Sign(host, action, version, region, payload, _timeProvider.GetUtcNow().ToUnixTimeSeconds());

    /// <summary>Signs a JSON POST to <paramref name="host"/> at a given time.</summary>
    /// <param name="host">The <c>Host</c> header the request is sent with.</param>
    /// <param name="action">The API action, such as <c>ChatCompletions</c>.</param>
    /// <param name="version">The API version, such as <c>2023-09-01</c>.</param>
    /// <param name="region">The region, or <see langword="null"/> when the API does not need one.</param>
    /// <param name="payload">The exact request body bytes.</param>
    /// <param name="timestamp">The request time, unix seconds (the server rejects more than five minutes of skew).</param>
    /// <returns>The headers to set on the request.</returns>
    public Tc3SignedHeaders Sign(string host, string action, string version, string? region, ReadOnlySpan<byte> payload, long timestamp)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentOutOfRangeException.ThrowIfNegative(timestamp);

        var date = FormatDate(timestamp);
        var canonicalRequest = BuildCanonicalRequest(WireJson.ContentType, host, payload);
        var stringToSign = BuildStringToSign(timestamp, date, _service, canonicalRequest);
        var signature = ComputeSignature(date, stringToSign);
        var authorization = string.Create(
            CultureInfo.InvariantCulture,
            $"{Algorithm} Credential={_secretId}/{date}/{_service}/{TerminationString}, SignedHeaders={SignedHeaderNames}, Signature={signature}");
        return new Tc3SignedHeaders(authorization, timestamp, action, version, string.IsNullOrWhiteSpace(region) ? null : region);
    }

    /// <summary>Formats the credential-scope date: the UTC date of <paramref name="timestamp"/>, <c>yyyy-MM-dd</c>.</summary>
    /// <param name="timestamp">Unix seconds.</param>
    /// <returns>The date, never the local date (a UTC+8 clock would fail every call between 00:00 and 08:00).</returns>
    internal static string FormatDate(long timestamp)
        => DateTimeOffset.FromUnixTimeSeconds(timestamp).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Builds the canonical request of step 1 for a POST to <c>/</c> with an empty query string.</summary>
    /// <param name="contentType">The <c>Content-Type</c> header value as sent.</param>
    /// <param name="host">The <c>Host</c> header value as sent.</param>
    /// <param name="payload">The request body bytes.</param>
    /// <returns>The canonical request string.</returns>
    internal static string BuildCanonicalRequest(string contentType, string host, ReadOnlySpan<byte> payload)
    {
        Span<byte> payloadHash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(payload, payloadHash);

        // Canonical headers: "name:value\n", names and values lowercased and trimmed, sorted by name.
        return new StringBuilder(256)
            .Append("POST\n")
            .Append("/\n")
            .Append('\n')
            .Append("content-type:").Append(contentType.Trim().ToLowerInvariant()).Append('\n')
            .Append("host:").Append(host.Trim().ToLowerInvariant()).Append('\n')
            .Append('\n')
            .Append(SignedHeaderNames).Append('\n')
            .Append(Convert.ToHexStringLower(payloadHash))
            .ToString();
    }

    /// <summary>Builds the string to sign of step 2.</summary>
    /// <param name="timestamp">Unix seconds, as sent in <c>X-TC-Timestamp</c>.</param>
    /// <param name="date">The credential-scope date from <see cref="FormatDate"/>.</param>
    /// <param name="service">The service name.</param>
    /// <param name="canonicalRequest">The canonical request from <see cref="BuildCanonicalRequest"/>.</param>
    /// <returns>The string to sign.</returns>
    internal static string BuildStringToSign(long timestamp, string date, string service, string canonicalRequest)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest), hash);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Algorithm}\n{timestamp}\n{date}/{service}/{TerminationString}\n{Convert.ToHexStringLower(hash)}");
    }

    /// <summary>Computes step 3: derives the signing key for <paramref name="date"/> and signs <paramref name="stringToSign"/>.</summary>
    /// <param name="date">The credential-scope date.</param>
    /// <param name="stringToSign">The string to sign.</param>
    /// <returns>The signature, lowercase hex.</returns>
    internal string ComputeSignature(string date, string stringToSign)
    {
        Span<byte> secretDate = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Span<byte> secretService = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Span<byte> secretSigning = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Span<byte> signature = stackalloc byte[HMACSHA256.HashSizeInBytes];
        try
        {
            HMACSHA256.HashData(_prefixedSecretKey, Encoding.UTF8.GetBytes(date), secretDate);
            HMACSHA256.HashData(secretDate, Encoding.UTF8.GetBytes(_service), secretService);
            HMACSHA256.HashData(secretService, "tc3_request"u8, secretSigning);
            HMACSHA256.HashData(secretSigning, Encoding.UTF8.GetBytes(stringToSign), signature);
            return Convert.ToHexStringLower(signature);
        }
        finally
        {
            // The derived keys are as good as the secret for a day: do not leave them on the stack.
            CryptographicOperations.ZeroMemory(secretDate);
            CryptographicOperations.ZeroMemory(secretService);
            CryptographicOperations.ZeroMemory(secretSigning);
        }
    }
}
