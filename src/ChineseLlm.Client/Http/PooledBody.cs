using System.Buffers;

namespace ChineseLlm.Client.Http;

/// <summary>
/// A whole response body read into a buffer rented from <see cref="ArrayPool{T}.Shared"/>, so a non-stream call does
/// not allocate a body-sized array per response. The caller parses <see cref="Span"/> and then calls <see cref="Return"/>.
/// </summary>
internal readonly struct PooledBody
{
    private const int DefaultSize = 4096;

    /// <summary>The most rented before any byte arrived, whatever the declared length (larger bodies grow by doubling).</summary>
    private const int MaxInitialSize = 1024 * 1024;

    private readonly byte[] _buffer;
    private readonly int _length;

    private PooledBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
    }

    /// <summary>Gets the bytes read.</summary>
    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, _length);

    /// <summary>Reads <paramref name="content"/> to its end.</summary>
    public static async Task<PooledBody> ReadAsync(HttpContent content, long maxBytes, string provider, CancellationToken cancellationToken)
    {
        // The declared length is a hint, never trusted for more than the limit (a proxy may claim 2 GB and send 22 bytes).
        if (content.Headers.ContentLength is { } declared && declared > maxBytes)
        {
            throw BoundedReadStream.TooLarge(provider, maxBytes, declared);
        }

        var expected = content.Headers.ContentLength is { } length && length > 0 ? (int)Math.Min(length + 1, MaxInitialSize) : DefaultSize;
        var buffer = ArrayPool<byte>.Shared.Rent(expected);
        var read = 0;
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                while (true)
                {
                    if (read == buffer.Length)
                    {
                        if (read > maxBytes)
                        {
                            throw BoundedReadStream.TooLarge(provider, maxBytes);
                        }

                        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, maxBytes + 1));
                        buffer.AsSpan(0, read).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
                    if (n == 0)
                    {
                        return new PooledBody(buffer, read);
                    }

                    read += n;
                    if (read > maxBytes)
                    {
                        throw BoundedReadStream.TooLarge(provider, maxBytes);
                    }
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>Returns the buffer to the pool; the body must not be used afterwards.</summary>
    public void Return() => ArrayPool<byte>.Shared.Return(_buffer);

    /// <summary>Reads the whole body into a new array of its exact length, bounded as <see cref="ReadAsync"/> is.</summary>
    /// <param name="content">The response content.</param>
    /// <param name="maxBytes">The largest body read; more (declared or sent) is a <see cref="LlmErrorKind.Protocol"/> error.</param>
    /// <param name="provider">The provider key the error names.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The body's bytes.</returns>
    public static async Task<byte[]> ReadBytesAsync(HttpContent content, long maxBytes, string provider, CancellationToken cancellationToken)
    {
        var body = await ReadAsync(content, maxBytes, provider, cancellationToken).ConfigureAwait(false);
        try
        {
            return body.Span.ToArray();
        }
        finally
        {
            body.Return();
        }
    }
}
