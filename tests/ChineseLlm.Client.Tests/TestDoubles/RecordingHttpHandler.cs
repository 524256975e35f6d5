using System.Net;
using System.Text;

namespace ChineseLlm.Client.TestDoubles;

/// <summary>An in-memory handler that records each request body and answers with a scripted response.</summary>
public sealed class RecordingHttpHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, HttpResponseMessage> _respond;

    public RecordingHttpHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) => _respond = respond;

    public RecordingHttpHandler(string body, HttpStatusCode status = HttpStatusCode.OK, string contentType = "application/json")
        : this(_ => new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, contentType) })
    {
    }

    public List<(HttpRequestMessage Request, string Body)> Requests { get; } = [];

    public string LastBody => Requests[^1].Body;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request, body));
        return _respond(request);
    }
}
