using System.Buffers;

namespace ChineseLlm.Client.Http;

/// <summary>
/// A whole response body read into a buffer rented from <see cref="ArrayPool{T}.Shared"/>, so a non-stream call does
/// not allocate a body-sized array per response. The caller parses <see cref="Span"/> and then calls <see cref="Return"/>.
/// </summary>
internal readonly struct PooledBody
{
    private const int DefaultSize = 4096;

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
    public static async Task<PooledBody> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var expected = content.Headers.ContentLength is { } length && length > 0 && length < Array.MaxLength ? (int)length + 1 : DefaultSize;
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
                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
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
}
