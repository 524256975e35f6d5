using ChineseLlm.Client.Conformance;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChineseLlm.Client.Providers;

/// <summary>
/// A WireMock.Net server for the wire tests that check one adapter against a fact from its vendor's official SDK
/// or API reference (docs/protocols/&lt;vendor&gt;.md, "Differences found"): each test serves a payload transcribed
/// from that source (tests/Payloads/&lt;vendor&gt;) and asserts what the SDK does with it.
/// </summary>
public abstract class VendorWireTests : IDisposable
{
    protected const string SecretApiKey = "sk-fidelity-secret-7d1e4a9c3b2f";

    protected VendorWireTests()
    {
        Server = WireMockServer.Start();
    }

    protected WireMockServer Server { get; }

    /// <summary>Gets the folder under tests/Payloads holding the vendor's payloads.</summary>
    protected abstract string PayloadFolder { get; }

    /// <summary>Serves the payload <paramref name="file"/> for every POST, with the status and content type given.</summary>
    protected void Serve(string file, int statusCode = 200, string? contentType = null, string? requestIdHeader = null)
    {
        var response = Response.Create()
            .WithStatusCode(statusCode)
            .WithHeader("Content-Type", contentType ?? (file.EndsWith(".sse", StringComparison.Ordinal) ? "text/event-stream" : "application/json"))
            .WithBody(Payload.Read(PayloadFolder, file));
        if (requestIdHeader is not null)
        {
            response = response.WithHeader(requestIdHeader, "req-header-only");
        }

        Server.Given(Request.Create().UsingPost()).RespondWith(response);
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Server.Stop();
            Server.Dispose();
        }
    }
}
