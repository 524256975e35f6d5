using System.Net.Sockets;

namespace ChineseLlm.Client.Testing.Wire;

/// <summary>
/// A read-only body stream that plays <see cref="WireStep"/>s: it delivers bytes, pauses on the simulator's
/// <see cref="TimeProvider"/>, and throws as a dropped connection would. Disposing it ends any pause.
/// </summary>
internal sealed class ScriptedStream : Stream
{
    private readonly IReadOnlyList<WireStep> _steps;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationTokenSource _disposed = new();
    private int _stepIndex;
    private ReadOnlyMemory<byte> _current;

    public ScriptedStream(IReadOnlyList<WireStep> steps, TimeProvider timeProvider)
    {
        _steps = steps;
        _timeProvider = timeProvider;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (_current.IsEmpty)
        {
            if (_stepIndex >= _steps.Count)
            {
                return 0;
            }

            var step = _steps[_stepIndex++];
            switch (step.Kind)
            {
                case WireStepKind.Write:
                    _current = step.Bytes;
                    break;
                case WireStepKind.Pause:
                    using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token))
                    {
                        await Task.Delay(step.Delay ?? Timeout.InfiniteTimeSpan, _timeProvider, linked.Token).ConfigureAwait(false);
                    }

                    break;
                default:
                    throw new HttpIOException(
                        HttpRequestError.ResponseEnded,
                        "The response ended prematurely: the simulated provider reset the connection.",
                        new IOException("Connection reset by peer (simulated).", new SocketException((int)SocketError.ConnectionReset)));
            }
        }

        var n = Math.Min(buffer.Length, _current.Length);
        _current[..n].CopyTo(buffer);
        _current = _current[n..];
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed.IsCancellationRequested)
        {
            _disposed.Cancel();
            _disposed.Dispose();
        }

        base.Dispose(disposing);
    }
}
