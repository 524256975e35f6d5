namespace ChineseLlm.Client.Telemetry;

/// <summary>
/// Tests that listen to every ActivitySource (the secrets scan) and tests that assert whether anybody listens to a
/// source (UseOpenTelemetry with no listener) cannot run at the same time: ActivityListeners are process-wide.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ActivityListenerTestGroup
{
    public const string Name = "Process-wide activity listeners";
}
