using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Telemetry;

/// <summary>Moves a fake clock forward while a request is on the wire, so a call takes a known time.</summary>
public sealed class ClockAdvancingHandler(FakeTimeProvider time, TimeSpan perRequest) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        time.Advance(perRequest);
        return response;
    }
}
