using System.Text;

namespace ChineseLlm.Client;

/// <summary>
/// Settings shared by every provider: credentials, endpoint, default model and time limits.
/// Bound from <c>ChineseLlm:Providers:&lt;Name&gt;</c>.
/// </summary>
/// <remarks>
/// A client copies what it needs when it is constructed; changing an options instance afterwards does not affect
/// clients already built. <see cref="ToString"/> never prints a credential.
/// </remarks>
public abstract class ChineseLlmProviderOptions
{
    private TimeSpan? _attemptTimeout;

    /// <summary>Gets or sets the provider's API key, sent as a bearer token (or used to obtain one).</summary>
    /// <value>The default value is <see langword="null"/>: the provider is disabled.</value>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Gets or sets the base URI the vendor documents (for example <c>https://api.deepseek.com</c>); the adapter
    /// appends the documented path (for example <c>/chat/completions</c>). Point it at a proxy or a test server.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the vendor's mainland endpoint.</value>
    public Uri? Endpoint { get; set; }

    /// <summary>Gets or sets the model used when a call sets no <c>ChatOptions.ModelId</c>.</summary>
    /// <value>The default value is <see langword="null"/>: the provider's current mainstream chat model.</value>
    public string? DefaultModel { get; set; }

    /// <summary>
    /// Gets or sets the most one call may take, retries and reading the whole response or stream included.
    /// Past it the call fails with <see cref="LlmErrorKind.Timeout"/>.
    /// </summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan Timeout { get; set; } = ProviderDefaults.Timeout;

    /// <summary>Gets or sets the most one HTTP attempt may wait for the response headers before it is retried.</summary>
    /// <value>
    /// The default value is 3 minutes, or <see cref="Timeout"/> when that is shorter (so setting only <see cref="Timeout"/>
    /// never makes the options invalid). A value set explicitly must not exceed <see cref="Timeout"/>.
    /// </value>
    public TimeSpan AttemptTimeout
    {
        get => _attemptTimeout ?? (Timeout >= ProviderDefaults.MinimumTimeout && Timeout < ProviderDefaults.AttemptTimeout ? Timeout : ProviderDefaults.AttemptTimeout);
        set => _attemptTimeout = value;
    }

    /// <summary>Gets or sets how many times a transient failure (rate limit, 5xx, network, attempt timeout) is retried.</summary>
    /// <value>The default value is 2. Zero disables retries.</value>
    public int MaxRetryAttempts { get; set; } = ProviderDefaults.MaxRetryAttempts;

    /// <summary>
    /// Gets or sets the longest wait between two data events of a stream before the stream fails with
    /// <see cref="LlmErrorKind.Timeout"/>. Keep-alive comments do not count as data.
    /// </summary>
    /// <value>The default value is 90 seconds.</value>
    public TimeSpan StreamIdleTimeout { get; set; } = ProviderDefaults.StreamIdleTimeout;

    /// <summary>
    /// Gets or sets the largest response the client reads, in bytes: a body, an event stream as a whole, and so one
    /// event line. A vendor or proxy that sends (or declares) more fails the call with <see cref="LlmErrorKind.Protocol"/>
    /// instead of exhausting memory. Error bodies are read up to 256 KiB whatever this is.
    /// </summary>
    /// <value>The default value is 32 MiB (33,554,432); between 64 KiB and 1 GiB.</value>
    public long MaxResponseBytes { get; set; } = ProviderDefaults.MaxResponseBytes;

    /// <summary>Gets the configured secrets (trimmed), which are masked in any vendor text that echoes them.</summary>
    /// <returns>The secrets that are set.</returns>
    internal virtual IEnumerable<string> Secrets()
    {
        if (!string.IsNullOrWhiteSpace(ApiKey))
        {
            var key = ApiKey.Trim();
            yield return key;

            // A GLM "id.secret" key, a Spark "APIKey:APISecret" pair: each part on its own too.
            foreach (var part in key.Split(['.', ':'], StringSplitOptions.RemoveEmptyEntries))
            {
                yield return part;
            }
        }
    }

    /// <summary>Gets a value indicating whether the options carry the credentials the provider needs.</summary>
    internal virtual bool HasCredentials => !string.IsNullOrWhiteSpace(ApiKey);

    /// <summary>Checks the options; each problem names the key under <paramref name="path"/> (for example
    /// <c>ChineseLlm:Providers:DeepSeek</c>).</summary>
    /// <param name="path">The configuration path (or type name) used to name the bad key.</param>
    /// <returns>The problems found; empty when the options are valid.</returns>
    internal virtual List<string> Validate(string path)
    {
        var problems = new List<string>();
        if (!HasCredentials)
        {
            problems.Add($"{path}:ApiKey is required.");
        }

        ValidateUri(problems, path, nameof(Endpoint), Endpoint);
        ValidateCredentialText(problems, path);

        if (Timeout <= TimeSpan.Zero && Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            problems.Add($"{path}:Timeout must be positive (got {Timeout}).");
        }
        else if (Timeout != System.Threading.Timeout.InfiniteTimeSpan && !IsInTimeoutRange(Timeout))
        {
            problems.Add($"{path}:Timeout must be between {ProviderDefaults.MinimumTimeout} and {ProviderDefaults.MaximumTimeout}, or infinite (got {Timeout}).");
        }

        if (AttemptTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{path}:AttemptTimeout must be positive (got {AttemptTimeout}).");
        }
        else if (!IsInTimeoutRange(AttemptTimeout))
        {
            problems.Add($"{path}:AttemptTimeout must be between {ProviderDefaults.MinimumTimeout} and {ProviderDefaults.MaximumTimeout} (got {AttemptTimeout}).");
        }
        else if (_attemptTimeout is not null && Timeout > TimeSpan.Zero && AttemptTimeout > Timeout)
        {
            problems.Add($"{path}:AttemptTimeout ({AttemptTimeout}) must not exceed {path}:Timeout ({Timeout}).");
        }

        if (MaxRetryAttempts is < 0 or > 10)
        {
            problems.Add($"{path}:MaxRetryAttempts must be between 0 and 10 (got {MaxRetryAttempts}).");
        }

        if (MaxResponseBytes is < ProviderDefaults.MinMaxResponseBytes or > ProviderDefaults.MaxMaxResponseBytes)
        {
            problems.Add($"{path}:MaxResponseBytes must be between {ProviderDefaults.MinMaxResponseBytes} (64 KiB) and {ProviderDefaults.MaxMaxResponseBytes} (1 GiB) (got {MaxResponseBytes}).");
        }

        if (StreamIdleTimeout <= TimeSpan.Zero && StreamIdleTimeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            problems.Add($"{path}:StreamIdleTimeout must be positive (got {StreamIdleTimeout}).");
        }
        else if (StreamIdleTimeout != System.Threading.Timeout.InfiniteTimeSpan && !IsInTimeoutRange(StreamIdleTimeout))
        {
            problems.Add($"{path}:StreamIdleTimeout must be between {ProviderDefaults.MinimumTimeout} and {ProviderDefaults.MaximumTimeout}, or infinite (got {StreamIdleTimeout}).");
        }

        return problems;
    }

    /// <summary>
    /// Checks the credentials (and other values) that travel as HTTP header text or into a signature: each must be
    /// printable ASCII once trimmed, so a zero-width space or a line break pasted with a key fails at start-up, naming
    /// the key, instead of failing every call. Subclasses add their own credentials.
    /// </summary>
    /// <param name="problems">Where problems are added.</param>
    /// <param name="path">The configuration path (or type name) used to name the bad key.</param>
    internal virtual void ValidateCredentialText(List<string> problems, string path) =>
        ValidateHeaderText(problems, path, nameof(ApiKey), ApiKey, secret: true);

    /// <summary>Adds a problem when <paramref name="value"/>, trimmed, holds a character an HTTP header cannot carry.</summary>
    /// <param name="problems">Where the problem is added.</param>
    /// <param name="path">The configuration path of the options.</param>
    /// <param name="key">The key's name under <paramref name="path"/>.</param>
    /// <param name="value">The value; <see langword="null"/> or blank values are not checked here.</param>
    /// <param name="secret">Whether the value is a secret: its text is then never repeated in the message.</param>
    internal static void ValidateHeaderText(List<string> problems, string path, string key, string? value, bool secret)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        var text = value.AsSpan().Trim();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is < '!' or > '~')
            {
                problems.Add(string.Format(
                    CultureInfo.InvariantCulture,
                    "{0}:{1} contains a character that cannot be sent in an HTTP header (U+{2:X4} at position {3} of {4}{5}): copy it again without spaces, line breaks or invisible characters.",
                    path,
                    key,
                    (int)text[i],
                    i + 1,
                    text.Length,
                    secret ? string.Empty : $", in '{value}'"));
                return;
            }
        }
    }

    /// <summary>Adds a problem when <paramref name="value"/> holds a control or invisible formatting character (line breaks, zero-width spaces).</summary>
    /// <param name="problems">Where the problem is added.</param>
    /// <param name="path">The configuration path of the options.</param>
    /// <param name="key">The key's name under <paramref name="path"/>.</param>
    /// <param name="value">The value; <see langword="null"/> is not checked.</param>
    internal static void ValidatePlainText(List<string> problems, string path, string key, string? value)
    {
        if (value is null)
        {
            return;
        }

        var position = 0;
        foreach (var rune in value.AsSpan().Trim().EnumerateRunes())
        {
            position++;
            // An unpaired surrogate enumerates as U+FFFD, which is caught with the other unassigned or invisible ones.
            if (rune == Rune.ReplacementChar || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse)
            {
                problems.Add(string.Format(
                    CultureInfo.InvariantCulture,
                    "{0}:{1} contains a control or invisible character (U+{2:X4} at character {3}): copy it again without line breaks or invisible characters.",
                    path,
                    key,
                    rune.Value,
                    position));
                return;
            }
        }
    }

    /// <summary>Adds a problem when <paramref name="uri"/> is set but is not an absolute http or https URI.</summary>
    /// <param name="problems">Where the problem is added.</param>
    /// <param name="path">The configuration path of the options.</param>
    /// <param name="key">The key's name under <paramref name="path"/>.</param>
    /// <param name="uri">The URI; <see langword="null"/> means the default and is valid.</param>
    internal static void ValidateUri(List<string> problems, string path, string key, Uri? uri)
    {
        if (uri is null)
        {
            return;
        }

        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || string.IsNullOrEmpty(uri.Host))
        {
            var shown = uri.IsAbsoluteUri && !string.IsNullOrEmpty(uri.UserInfo) ? "(a URI with user info)" : Describe(uri);
            problems.Add($"{path}:{key} must be an absolute http or https URI (got '{shown}').");
        }
        else if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            // Credentials in a URI would be logged with it and are never sent by HttpClient: refuse them.
            problems.Add($"{path}:{key} must not carry user info (user:password@); configure the credentials in their own keys.");
        }
        else if (!string.IsNullOrEmpty(uri.Fragment))
        {
            problems.Add($"{path}:{key} must not have a fragment (got '{Describe(uri)}').");
        }
    }

    /// <summary>
    /// A URI as messages and <see cref="ToString"/> show it: without its query (shown as <c>?…</c>) and fragment (<c>#…</c>),
    /// which may carry a token (a gateway's <c>?key=</c>), and without user info.
    /// </summary>
    internal static string Describe(Uri uri)
    {
        var text = uri.IsAbsoluteUri && !string.IsNullOrEmpty(uri.UserInfo)
            ? uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)
            : uri.OriginalString;
        var query = text.IndexOfAny(['?', '#']);
        var hidden = uri.OriginalString.Contains('?', StringComparison.Ordinal) ? "?…" : string.Empty;
        hidden += uri.OriginalString.Contains('#', StringComparison.Ordinal) ? "#…" : string.Empty;
        return (query >= 0 ? text[..query] : text) + hidden;
    }

    /// <summary>Whether the resilience pipeline's timeout strategies accept <paramref name="value"/> (Polly: 10 ms to 1 day).</summary>
    private static bool IsInTimeoutRange(TimeSpan value) => value >= ProviderDefaults.MinimumTimeout && value <= ProviderDefaults.MaximumTimeout;

    /// <summary>Returns a description of the options that never includes a credential.</summary>
    /// <returns>The type name, endpoint, default model and timeout.</returns>
    public override string ToString() => string.Format(
        CultureInfo.InvariantCulture,
        "{0} {{ Endpoint = {1}, DefaultModel = {2}, Timeout = {3}, Credentials = {4} }}",
        GetType().Name,
        Endpoint is { } endpoint ? Describe(endpoint) : "(default)",
        DefaultModel ?? "(default)",
        Timeout,
        HasCredentials ? "set" : "not set");
}
