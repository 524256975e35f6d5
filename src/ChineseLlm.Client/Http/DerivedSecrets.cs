using System.Text;

namespace ChineseLlm.Client.Http;

/// <summary>
/// The credentials an authenticator obtains or builds from the configured ones — an ERNIE v1 OAuth access token, a
/// Pangu IAM token (<c>X-Subject-Token</c>), a GLM JWT, a Hunyuan TC3 signature — kept (as UTF-8 bytes, the most
/// recent few) so that <see cref="Telemetry.SecretRedactor"/> masks them in vendor text as it masks the configured keys:
/// a vendor that echoes the token it was sent must not carry it into an exception, a log or a span.
/// </summary>
/// <remarks>Thread-safe. Older values fall out once <see cref="Capacity"/> newer ones were added; a token that expired
/// long ago is no longer worth anything to an attacker.</remarks>
internal sealed class DerivedSecrets
{
    /// <summary>How many recent values are kept.</summary>
    public const int Capacity = 8;

    /// <summary>Shorter values are not kept (they would blank ordinary words); no real token is this short.</summary>
    private const int MinimumLength = 6;

    private readonly Lock _gate = new();
    private byte[][] _values = [];

    /// <summary>Records <paramref name="secret"/> (once; a value already held is not added again).</summary>
    /// <param name="secret">The derived credential.</param>
    public void Add(string? secret)
    {
        if (secret is null || secret.Length < MinimumLength)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(secret);
        lock (_gate)
        {
            var values = _values;
            foreach (var value in values)
            {
                if (value.AsSpan().SequenceEqual(bytes))
                {
                    return;
                }
            }

            // Newest first; the oldest drops out past the capacity. A new array each time: readers take a snapshot.
            var next = new byte[Math.Min(values.Length + 1, Capacity)][];
            next[0] = bytes;
            Array.Copy(values, 0, next, 1, next.Length - 1);
            _values = next;
        }
    }

    /// <summary>Gets the values held now.</summary>
    public IReadOnlyList<byte[]> Snapshot() => Volatile.Read(ref _values);
}
