namespace ChineseLlm.Client.Testing;

/// <summary>
/// The primary handler of one provider's named <see cref="HttpClient"/>: it hands requests to the shared simulator with
/// the provider's key, and leaves the simulator alive when the HTTP client factory disposes it.
/// </summary>
internal sealed class SimulatorRoute : HttpMessageHandler
{
    private readonly ProviderSimulatorHandler _simulator;
    private readonly string _provider;

    public SimulatorRoute(ProviderSimulatorHandler simulator, string provider)
    {
        _simulator = simulator;
        _provider = provider;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _simulator.SendCoreAsync(request, _provider, cancellationToken);

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _simulator.SendCoreAsync(request, _provider, cancellationToken).GetAwaiter().GetResult();
}
