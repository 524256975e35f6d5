namespace ChineseLlm.Client.Http;

/// <summary>
/// A read-only stream that yields bytes already read from a connection (<paramref name="prefix"/>) and then the rest of
/// that connection (<paramref name="rest"/>), so a body that was peeked at can still be read whole, exactly once.
/// Disposing it disposes both.
/// </summary>
internal sealed class PrefixedStream(MemoryStream prefix, Stream rest) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = prefix.Read(buffer);
        return read > 0 || buffer.IsEmpty ? read : rest.Read(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = prefix.Read(buffer.Span);
        return read > 0 || buffer.IsEmpty ? ValueTask.FromResult(read) : rest.ReadAsync(buffer, cancellationToken);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            prefix.Dispose();
            rest.Dispose();
        }

        base.Dispose(disposing);
    }
}
