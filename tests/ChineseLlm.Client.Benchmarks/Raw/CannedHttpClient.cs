using System.Net.Http.Headers;

namespace ChineseLlm.Client.Benchmarks.Raw;

/// <summary>
/// The transport floor under <see cref="HttpClient"/>: the same POST every client sends, its body serialized once
/// before the benchmark, the answer's bytes drained and counted, never parsed. No client built on HttpClient can do
/// less per call, so its time is the share of every compared call that belongs to the socket, the handler and the stub.
/// </summary>
/// <remarks>One call at a time: the drain buffer is shared.</remarks>
public sealed class CannedHttpClient(HttpClient httpClient, Uri baseAddress, string apiKey, byte[] body)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly Uri _chatUri = new(baseAddress, "chat/completions");
    private readonly AuthenticationHeaderValue _authorization = new("Bearer", apiKey);
    private readonly byte[] _buffer = new byte[16 * 1024];

    /// <summary>Sends the canned request; returns the number of body bytes received.</summary>
    public async Task<int> SendAsync(CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, _chatUri) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = Json;
        message.Headers.Authorization = _authorization;
        using var response = await httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var total = 0;
        int read;
        while ((read = await stream.ReadAsync(_buffer, cancellationToken)) > 0)
        {
            total += read;
        }

        return total;
    }
}
