using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ChineseLlm.Client.Benchmarks.Raw;

/// <summary>
/// The floor under any HTTP client: one kept-alive loopback connection, the whole HTTP/1.1 request written as bytes
/// built once, the answer read until its <c>Content-Length</c> is in. It is only the socket and the stub's share of a
/// call, below even <see cref="CannedHttpClient"/>; it knows nothing of chunked answers or errors, so it serves only
/// as a measure.
/// </summary>
/// <remarks>One call at a time: one connection and one buffer.</remarks>
public sealed class CannedSocketClient : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _request;
    private readonly byte[] _buffer = new byte[16 * 1024];

    private CannedSocketClient(Socket socket, byte[] request)
    {
        _socket = socket;
        _request = request;
    }

    /// <summary>Connects to the stub at <paramref name="baseAddress"/> and builds the request once.</summary>
    public static async Task<CannedSocketClient> ConnectAsync(Uri baseAddress, string apiKey, byte[] body)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Parse(baseAddress.Host), baseAddress.Port));
        var head = $"POST {baseAddress.AbsolutePath}chat/completions HTTP/1.1\r\nHost: {baseAddress.Authority}\r\n" +
            $"Authorization: Bearer {apiKey}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n";
        return new CannedSocketClient(socket, [.. Encoding.ASCII.GetBytes(head), .. body]);
    }

    /// <summary>Sends the request; returns the number of body bytes received.</summary>
    public async Task<int> SendAsync(CancellationToken cancellationToken = default)
    {
        await _socket.SendAsync(_request, SocketFlags.None, cancellationToken);
        var filled = 0;
        var headEnd = -1;
        var bodyLength = 0;
        while (headEnd < 0 || filled < headEnd + bodyLength)
        {
            var read = await _socket.ReceiveAsync(_buffer.AsMemory(filled), SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                throw new IOException("The stub closed the connection.");
            }

            filled += read;
            if (headEnd < 0 && (headEnd = HeadEnd(_buffer.AsSpan(0, filled))) >= 0)
            {
                bodyLength = ContentLength(_buffer.AsSpan(0, headEnd));
            }
        }

        return bodyLength;
    }

    /// <inheritdoc />
    public void Dispose() => _socket.Dispose();

    private static int HeadEnd(ReadOnlySpan<byte> received)
    {
        var at = received.IndexOf("\r\n\r\n"u8);
        return at < 0 ? -1 : at + 4;
    }

    private static int ContentLength(ReadOnlySpan<byte> head)
    {
        var name = "\r\ncontent-length:"u8;
        for (var i = 0; i + name.Length <= head.Length; i++)
        {
            if (Ascii.EqualsIgnoreCase(head.Slice(i, name.Length), name))
            {
                var value = head[(i + name.Length)..];
                value = value[..value.IndexOf("\r\n"u8)].Trim((byte)' ');
                return Utf8Parser.TryParse(value, out int length, out _) ? length : throw new IOException("Bad Content-Length.");
            }
        }

        throw new IOException("The stub's answer has no Content-Length.");
    }
}
