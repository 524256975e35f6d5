using System.Collections.Concurrent;
using System.Diagnostics;

namespace ChineseLlm.Client.Telemetry;

/// <summary>
/// Records the activities of one test. Listeners are process-wide and tests run in parallel, so the recorder starts a
/// root activity of its own and keeps only the activities of that trace.
/// </summary>
public sealed class ActivityRecorder : IDisposable
{
    private static readonly ActivitySource s_testSource = new("ChineseLlm.Client.Tests.Telemetry");

    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly Activity _root;

    /// <param name="sources">The activity sources to listen to besides the test's own.</param>
    public ActivityRecorder(params string[] sources)
    {
        var names = new HashSet<string>(sources) { s_testSource.Name };
        _listener = new ActivityListener
        {
            ShouldListenTo = source => names.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => _stopped.Enqueue(activity),
        };
        ActivitySource.AddActivityListener(_listener);
        _root = s_testSource.StartActivity("test root") ?? throw new InvalidOperationException("the test source is not sampled.");
    }

    /// <summary>Gets the stopped activities of this test's trace (the root excluded), in the order they stopped.</summary>
    public IReadOnlyList<Activity> Stopped =>
        _stopped.Where(a => a.TraceId == _root.TraceId && a != _root).ToList();

    /// <summary>Gets the stopped activities of <paramref name="source"/> in this test's trace.</summary>
    public IReadOnlyList<Activity> From(string source) => Stopped.Where(a => a.Source.Name == source).ToList();

    public void Dispose()
    {
        _root.Dispose();
        _listener.Dispose();
    }
}
