namespace ChineseLlm.Client.Providers.Hunyuan;

/// <summary>
/// The Tencent Cloud API 3.0 headers a <see cref="Tc3Signer"/> computed for one request.
/// </summary>
/// <remarks>
/// Deliberately not a record: the default <see cref="object.ToString"/> prints only the type name, so the
/// signature in <see cref="Authorization"/> never reaches a log through string formatting.
/// </remarks>
/// <param name="authorization">The <c>Authorization</c> header value (<c>TC3-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…</c>).</param>
/// <param name="timestamp">The <c>X-TC-Timestamp</c> value, unix seconds.</param>
/// <param name="action">The <c>X-TC-Action</c> value, such as <c>ChatCompletions</c>.</param>
/// <param name="version">The <c>X-TC-Version</c> value, such as <c>2023-09-01</c>.</param>
/// <param name="region">The <c>X-TC-Region</c> value, or <see langword="null"/> when the request carries none.</param>
internal sealed class Tc3SignedHeaders(string authorization, long timestamp, string action, string version, string? region)
{
    public string Authorization { get; } = authorization;

    public long Timestamp { get; } = timestamp;

    public string Action { get; } = action;

    public string Version { get; } = version;

    public string? Region { get; } = region;

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
