namespace ChineseLlm.Client.Http;

/// <summary>
/// A read-only view of a response stream that fails with <see cref="LlmErrorKind.Protocol"/> once more than the
/// library's limit (<see cref="ChineseLlmProviderOptions.MaxResponseBytes"/>) has been read, so a vendor or proxy that
/// never stops sending (a 300 MB "completion", one event line without a line break) cannot exhaust memory: whatever
/// buffers the data above it (the SSE parser's line buffer) holds at most that much.
/// </summary>
internal sealed class BoundedReadStream(Stream inner, long maxBytes, string provider) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken).ConfigureAwait(false));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>The error a response larger than the limit gets (also used for a body read whole).</summary>
    public static ChineseLlmException TooLarge(string provider, long maxBytes, long? claimed = null) => new(
        provider,
        LlmErrorKind.Protocol,
        claimed is { } length
            ? $"the response declares {length} bytes, more than MaxResponseBytes ({maxBytes}); it was not read."
            : $"the response is larger than MaxResponseBytes ({maxBytes} bytes); reading stopped there.");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private int Count(int read)
    {
        _read += read;
        if (_read > maxBytes)
        {
            throw TooLarge(provider, maxBytes);
        }

        return read;
    }
}
