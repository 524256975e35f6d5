namespace ChineseLlm.Client.Providers.Hunyuan;

/// <summary>
/// The Tencent Cloud API 3.0 headers a <see cref="Tc3Signer"/> computed for one request.
/// </summary>
/// <remarks>
/// Deliberately not a record: the default <see cref="object.ToString"/> prints only the type name, so the
/// signature in <see cref="Authorization"/> never reaches a log through string formatting.
/// </remarks>
internal sealed class Tc3SignedHeaders
{
    /// <summary>Initializes a new instance of the <see cref="Tc3SignedHeaders"/> class.</summary>
    /// <param name="authorization">The <c>Authorization</c> header value.</param>
    /// <param name="timestamp">The <c>X-TC-Timestamp</c> value (unix seconds).</param>
    /// <param name="action">The <c>X-TC-Action</c> value.</param>
    /// <param name="version">The <c>X-TC-Version</c> value.</param>
    /// <param name="region">The <c>X-TC-Region</c> value, or <see langword="null"/> to send none.</param>
    public Tc3SignedHeaders(string authorization, long timestamp, string action, string version, string? region)
    {
        Authorization = authorization;
        Timestamp = timestamp;
        Action = action;
        Version = version;
        Region = region;
    }

    /// <summary>Gets the <c>Authorization</c> header value (<c>TC3-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…</c>).</summary>
    public string Authorization { get; }

    /// <summary>Gets the <c>X-TC-Timestamp</c> value, unix seconds.</summary>
    public long Timestamp { get; }

    /// <summary>Gets the <c>X-TC-Action</c> value, such as <c>ChatCompletions</c>.</summary>
    public string Action { get; }

    /// <summary>Gets the <c>X-TC-Version</c> value, such as <c>2023-09-01</c>.</summary>
    public string Version { get; }

    /// <summary>Gets the <c>X-TC-Region</c> value, or <see langword="null"/> when the request carries none.</summary>
    public string? Region { get; }

    /// <summary>Sets the headers on <paramref name="request"/>, replacing any earlier values.</summary>
    /// <param name="request">The request to sign.</param>
    public void ApplyTo(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = request.Headers;
        headers.Remove("Authorization");
        headers.Remove("X-TC-Timestamp");
        headers.Remove("X-TC-Action");
        headers.Remove("X-TC-Version");
        headers.Remove("X-TC-Region");

        // TryAddWithoutValidation: the TC3 credential is not a scheme/parameter pair the typed header parser accepts.
        headers.TryAddWithoutValidation("Authorization", Authorization);
        headers.TryAddWithoutValidation("X-TC-Timestamp", Timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        headers.TryAddWithoutValidation("X-TC-Action", Action);
        headers.TryAddWithoutValidation("X-TC-Version", Version);
        if (!string.IsNullOrEmpty(Region))
        {
            headers.TryAddWithoutValidation("X-TC-Region", Region);
        }
    }
}
