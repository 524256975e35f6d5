namespace ChineseLlm.Client.Telemetry;

/// <summary>Telemetry tests that must not share the process with other tests' activity listeners: they run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryAloneTestGroup
{
    public const string Name = "Telemetry (runs alone)";
}
