using System.Collections;
using System.Text;

namespace ChineseLlm.Client.Telemetry;

/// <summary>
/// Removes the configured secrets (API keys, secret keys and ids, IAM passwords) from vendor text before it reaches an
/// exception message, a log or a span status: a vendor that echoes the key it was sent ("Incorrect API key provided:
/// sk-…") must not carry it into logs and traces. The credentials the library derives from them — OAuth and IAM tokens,
/// JWTs, request signatures — are masked too (<see cref="DerivedSecrets"/>, joined with <see cref="With"/>). Applied by
/// the provider driver before it logs a failure and by <see cref="TelemetryChatClient"/> before a span records it.
/// </summary>
internal sealed class SecretRedactor
{
    /// <summary>What a secret is replaced by.</summary>
    public const string Mask = "***";

    /// <summary>Shorter values are not redacted (they would blank ordinary words); no real key is this short.</summary>
    private const int MinimumLength = 6;

    /// <summary>
    /// The secrets as UTF-8 bytes, longest first: never held as a second string (the options' string, or the one
    /// header value an authenticator keeps, is the only text copy — tests/ChineseLlm.Client.IntegrationTests/Secrets/KeyRetentionTests.cs).
    /// A secret becomes text again only while a failure is being redacted.
    /// </summary>
    private readonly byte[][] _secrets;

    /// <summary>The credentials the provider's authenticator derived, read at each redaction (they change over time).</summary>
    private readonly DerivedSecrets? _derived;

    private SecretRedactor(byte[][] secrets, DerivedSecrets? derived = null)
    {
        _secrets = secrets;
        _derived = derived;
    }

    /// <summary>Gets a redactor that changes nothing.</summary>
    public static SecretRedactor None { get; } = new([]);

    /// <summary>Creates a redactor for the secrets of <paramref name="options"/>.</summary>
    /// <param name="options">The provider options; <see langword="null"/> for none.</param>
    /// <returns>The redactor.</returns>
    public static SecretRedactor For(ChineseLlmProviderOptions? options) =>
        options is null
            ? None
            : new([.. options.Secrets().Where(s => s.Length >= MinimumLength).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).Select(Encoding.UTF8.GetBytes)]);

    /// <summary>Returns a redactor that also masks the credentials recorded in <paramref name="derived"/>.</summary>
    /// <param name="derived">The authenticator's derived credentials.</param>
    /// <returns>The redactor.</returns>
    public SecretRedactor With(DerivedSecrets derived) => new(_secrets, derived);

    /// <summary>Returns <paramref name="text"/> with every secret replaced by <see cref="Mask"/>.</summary>
    /// <param name="text">Vendor text.</param>
    /// <returns>The text without secrets.</returns>
    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var secret in All())
        {
            text = text.Replace(Encoding.UTF8.GetString(secret), Mask, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>
    /// Returns <paramref name="exception"/> itself when it carries no secret, else a copy with the secrets masked in its
    /// message, code and request id (an inner exception that carries one is dropped).
    /// </summary>
    /// <param name="exception">The failure.</param>
    /// <returns>An exception without secrets.</returns>
    public Exception Redact(Exception exception)
    {
        if ((_secrets.Length == 0 && _derived is null) || exception is not ChineseLlmException ex || !Carries(ex))
        {
            return exception;
        }

        var inner = ex.InnerException is { } i && !ContainsSecret(i.ToString()) ? i : null;
        var copy = new ChineseLlmException(
            ex.Provider, ex.Kind, Redact(ex.ProviderMessage), ex.StatusCode, Redact(ex.ErrorCode), Redact(ex.RequestId), ex.RetryAfter, inner);
        foreach (DictionaryEntry entry in ex.Data)
        {
            copy.Data[entry.Key] = entry.Value;
        }

        return copy;
    }

    private bool Carries(ChineseLlmException ex) =>
        ContainsSecret(ex.Message) || ContainsSecret(ex.ErrorCode) || ContainsSecret(ex.RequestId) || (ex.InnerException is { } inner && ContainsSecret(inner.ToString()));

    private bool ContainsSecret(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        foreach (var secret in All())
        {
            if (bytes.AsSpan().IndexOf(secret) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The configured and the derived secrets, longest first (so that a secret containing another is masked whole).</summary>
    private IEnumerable<byte[]> All()
    {
        if (_derived?.Snapshot() is not { Count: > 0 } derived)
        {
            return _secrets;
        }

        return _secrets.Concat(derived).OrderByDescending(s => s.Length);
    }
}
