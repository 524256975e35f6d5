using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace ChineseLlm.Client.Benchmarks.Raw;

/// <summary>
/// The floor: what a careful developer writes by hand with <see cref="HttpClient"/> and source-generated
/// System.Text.Json — no mapping layer, no error model, no timeouts beyond the caller's token.
/// </summary>
public sealed class RawDeepSeekClient(HttpClient httpClient, Uri baseAddress, string apiKey)
{
    private readonly Uri _chatUri = new(baseAddress, "chat/completions");
    private readonly AuthenticationHeaderValue _authorization = new("Bearer", apiKey);

    /// <summary>Sends a non-stream request and returns the answer's text.</summary>
    public async Task<RawChatResponse> CompleteAsync(RawChatRequest request, CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, _chatUri)
        {
            Content = JsonContent.Create(request, RawJsonContext.Default.RawChatRequest),
        };
        message.Headers.Authorization = _authorization;
        using var response = await httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync(body, RawJsonContext.Default.RawChatResponse, cancellationToken)
            ?? throw new JsonException("null completion");
    }

    /// <summary>Streams a request; yields each chunk as it is parsed.</summary>
    public async IAsyncEnumerable<RawChatResponse> StreamAsync(
        RawChatRequest request, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, _chatUri)
        {
            Content = JsonContent.Create(request, RawJsonContext.Default.RawChatRequest),
        };
        message.Headers.Authorization = _authorization;
        message.Headers.Accept.Add(EventStream);
        using var response = await httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var parser = SseParser.Create(body, static (_, data) =>
            data.SequenceEqual("[DONE]"u8) ? null : JsonSerializer.Deserialize(data, RawJsonContext.Default.RawChatResponse));
        await foreach (var item in parser.EnumerateAsync(cancellationToken))
        {
            if (item.Data is null)
            {
                yield break;
            }

            yield return item.Data;
        }
    }

    private static readonly MediaTypeWithQualityHeaderValue EventStream = new("text/event-stream");
}
