using System.Net;
using System.Net.Http.Headers;

namespace ChineseLlm.Client.BadInput;

/// <summary>An in-memory transport answering every request with the current canned status, content type and body.</summary>
public sealed class CannedResponseHandler : HttpMessageHandler
{
    public int StatusCode { get; set; } = 200;

    public string? ContentType { get; set; } = "application/json";

    public byte[] Body { get; set; } = [];

    /// <summary>Gets or sets a handler for side requests (token endpoints); returns <see langword="null"/> for the chat call.</summary>
    public Func<HttpRequestMessage, HttpResponseMessage?>? Auxiliary { get; set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Auxiliary?.Invoke(request) is { } side)
        {
            return Task.FromResult(side);
        }

        var content = new ByteArrayContent(Body);
        if (ContentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        }

        return Task.FromResult(new HttpResponseMessage((HttpStatusCode)StatusCode) { Content = content, RequestMessage = request });
    }
}
