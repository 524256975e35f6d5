using System.Net;
using System.Net.Sockets;
using System.Text;
using ChineseLlm.Client.Faults;

namespace ChineseLlm.Client.BadInput;

/// <summary>
/// A loopback HTTP/1.1 server that writes its answers byte for byte: headers a framework would refuse to send (control
/// characters, 10 KB values, a Content-Type no parser knows) reach the client exactly as a broken or hostile proxy would
/// send them. One answer per connection (<c>Connection: close</c>); a profile's side endpoint (an OAuth or IAM token)
/// is answered from the profile.
/// </summary>
internal sealed class RawResponseServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ProviderProfile _profile;
    private readonly Task _loop;
    private int _hits;

    public RawResponseServer(ProviderProfile profile)
    {
        _profile = profile;
        _listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _loop = AcceptAsync();
    }

    public Uri BaseUri { get; }

    /// <summary>Gets or sets the raw bytes answered to a chat request: status line, headers and body.</summary>
    public byte[] Answer { get; set; } = Encoding.ASCII.GetBytes("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

    /// <summary>Gets the number of chat requests answered.</summary>
    public int Hits => Volatile.Read(ref _hits);

    /// <summary>Builds an answer from a status, headers (raw: any character, any length) and a body.</summary>
    public static byte[] Build(int status, IEnumerable<(string Name, string Value)> headers, string body)
    {
        var payload = Encoding.UTF8.GetBytes(body);
        var head = new StringBuilder();
        head.Append("HTTP/1.1 ").Append(status).Append(" Status\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        head.Append("Content-Length: ").Append(payload.Length).Append("\r\nConnection: close\r\n\r\n");
        return [.. Encoding.UTF8.GetBytes(head.ToString()), .. payload];
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using (socket)
        await using (var stream = new NetworkStream(socket, ownsSocket: false))
        {
            try
            {
                var (path, _) = await ReadRequestAsync(stream);
                byte[] answer;
                if (_profile.SideEndpoint is { } side && path.Contains(side.PathPart, StringComparison.Ordinal))
                {
                    answer = Build(200, [("Content-Type", "application/json"), .. side.Headers], side.Body);
                }
                else
                {
                    Interlocked.Increment(ref _hits);
                    answer = Answer;
                }

                await stream.WriteAsync(answer, _stop.Token);
                await stream.FlushAsync(_stop.Token);
                socket.Shutdown(SocketShutdown.Send);
            }
            catch (IOException)
            {
                // The client gave up on a malformed answer and closed: expected.
            }
            catch (SocketException)
            {
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    /// <summary>Reads the request line, headers and a Content-Length body; returns the path.</summary>
    private async Task<(string Path, int BodyLength)> ReadRequestAsync(NetworkStream stream)
    {
        var buffer = new byte[64 * 1024];
        var read = 0;
        int headerEnd;
        while ((headerEnd = IndexOfHeaderEnd(buffer, read)) < 0)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), _stop.Token);
            if (n == 0)
            {
                throw new IOException("the client closed before sending a request");
            }

            read += n;
            if (read == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }

        var head = Encoding.ASCII.GetString(buffer, 0, headerEnd);
        var lines = head.Split("\r\n");
        var path = lines[0].Split(' ') is { Length: >= 2 } parts ? parts[1] : "/";
        var length = 0;
        foreach (var line in lines.Skip(1))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        if (head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            // Read until the last chunk (a zero-size chunk and the empty trailer).
            var seen = buffer.AsSpan(headerEnd + 4, read - headerEnd - 4).ToArray().ToList();
            while (!EndsWithLastChunk(seen))
            {
                var chunk = new byte[16 * 1024];
                var n = await stream.ReadAsync(chunk, _stop.Token);
                if (n == 0)
                {
                    break;
                }

                seen.AddRange(chunk.AsSpan(0, n).ToArray());
            }

            return (path, seen.Count);
        }

        var remaining = length - (read - headerEnd - 4);
        while (remaining > 0)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, remaining)), _stop.Token);
            if (n == 0)
            {
                break;
            }

            remaining -= n;
        }

        return (path, length);
    }

    private static bool EndsWithLastChunk(List<byte> seen) =>
        seen.Count >= 5 && System.Runtime.InteropServices.CollectionsMarshal.AsSpan(seen)[^5..].SequenceEqual("0\r\n\r\n"u8);

    private static int IndexOfHeaderEnd(byte[] buffer, int count) => buffer.AsSpan(0, count).IndexOf("\r\n\r\n"u8);
}
