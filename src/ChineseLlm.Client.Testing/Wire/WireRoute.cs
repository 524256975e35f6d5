namespace ChineseLlm.Client.Testing.Wire;

/// <summary>The protocol and operation a request was routed to.</summary>
internal readonly record struct WireRoute(SimulatedProtocol Protocol, WireOperation Operation)
{
    public string Provider => ProviderKeys.Of(Protocol);
}
