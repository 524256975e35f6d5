using System.Net;
using System.Net.Http.Headers;

namespace ChineseLlm.Client.Benchmarks.Infrastructure;

/// <summary>
/// An in-memory <see cref="HttpMessageHandler"/> answering every request with the stub's bytes, without sockets or a
/// server: what is left of a call is the client's own work (building, serializing, parsing, mapping).
/// </summary>
public sealed class CannedHandler(byte[] body, string mediaType) : HttpMessageHandler
{
    private readonly MediaTypeHeaderValue _contentType = new(mediaType);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body), RequestMessage = request };
        response.Content.Headers.ContentType = _contentType;
        response.Headers.TryAddWithoutValidation("x-ds-trace-id", "7f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b");
        return Task.FromResult(response);
    }
}
