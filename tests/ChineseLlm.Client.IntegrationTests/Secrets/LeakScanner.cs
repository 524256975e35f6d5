using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Testing;

namespace ChineseLlm.Client.Secrets;

/// <summary>
/// Collects every text a library user or operator could see — exception messages and <c>ToString()</c>, log records
/// at every level (message, structured state, scopes, exception), activity names, tags, events and status, metric
/// tags, and anything else added by hand — and finds secrets in it.
/// </summary>
public sealed class LeakScanner : IDisposable
{
    private readonly ConcurrentQueue<(string Source, string Text)> _texts = new();
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters;
    private int _activityCount;
    private int _measurementCount;

    public LeakScanner()
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Record,
        };
        ActivitySource.AddActivityListener(_activities);

        _meters = new MeterListener { InstrumentPublished = (instrument, listener) => listener.EnableMeasurementEvents(instrument) };
        _meters.SetMeasurementEventCallback<long>((i, _, tags, _) => Record(i, tags));
        _meters.SetMeasurementEventCallback<int>((i, _, tags, _) => Record(i, tags));
        _meters.SetMeasurementEventCallback<double>((i, _, tags, _) => Record(i, tags));
        _meters.SetMeasurementEventCallback<decimal>((i, _, tags, _) => Record(i, tags));
        _meters.Start();
    }

    /// <summary>Gets the log collector to plug in as a <see cref="FakeLoggerProvider"/>.</summary>
    public FakeLogCollector Logs { get; } = FakeLogCollector.Create(new FakeLogCollectorOptions { CollectRecordsForDisabledLogLevels = true });

    /// <summary>Gets how many activities and measurements were seen (so a test can show the scan had material).</summary>
    public int ActivityCount => Volatile.Read(ref _activityCount);

    public int MeasurementCount => Volatile.Read(ref _measurementCount);

    /// <summary>Adds a text a user could see (an exception, a ToString, a response property).</summary>
    public void Add(string source, string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            _texts.Enqueue((source, text));
        }
    }

    /// <summary>Adds an exception's full <c>ToString()</c> (message, inner exceptions, stack) and its structured fields.</summary>
    public void Add(Exception exception)
    {
        Add($"exception {exception.GetType().Name}", exception.ToString());
        if (exception is ChineseLlmException llm)
        {
            Add("exception ProviderMessage", llm.ProviderMessage);
            Add("exception ErrorCode", llm.ErrorCode);
            Add("exception RequestId", llm.RequestId);
        }

        foreach (DictionaryEntry entry in exception.Data)
        {
            Add("exception Data", $"{entry.Key}={entry.Value}");
        }
    }

    /// <summary>Returns where each of <paramref name="secrets"/> was found: "secret #n in source: …excerpt…".</summary>
    public List<string> FindLeaks(IReadOnlyList<string> secrets)
    {
        var leaks = new List<string>();
        foreach (var (source, text) in AllTexts())
        {
            for (var i = 0; i < secrets.Count; i++)
            {
                var at = text.IndexOf(secrets[i], StringComparison.Ordinal);
                if (at >= 0)
                {
                    var start = Math.Max(0, at - 40);
                    var excerpt = text.Substring(start, Math.Min(text.Length - start, 80 + secrets[i].Length)).Replace(secrets[i], $"<secret #{i}>", StringComparison.Ordinal);
                    leaks.Add($"secret #{i} ({secrets[i].Length} chars) in {source}: …{excerpt.ReplaceLineEndings(" ")}…");
                }
            }
        }

        return leaks;
    }

    /// <summary>Gets the number of texts collected so far, logs included.</summary>
    public int TextCount => AllTexts().Count();

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }

    private IEnumerable<(string Source, string Text)> AllTexts()
    {
        foreach (var text in _texts)
        {
            yield return text;
        }

        foreach (var record in Logs.GetSnapshot())
        {
            var source = $"log {record.Level} {record.Category}/{record.Id.Name}";
            yield return (source, record.Message);
            if (record.StructuredState is { } state)
            {
                foreach (var (key, value) in state)
                {
                    yield return (source + " state", $"{key}={value}");
                }
            }

            foreach (var scope in record.Scopes)
            {
                yield return (source + " scope", Describe(scope));
            }

            if (record.Exception is { } exception)
            {
                yield return (source + " exception", exception.ToString());
            }
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        IEnumerable<KeyValuePair<string, object?>> pairs => string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}")),
        _ => value.ToString() ?? string.Empty,
    };

    private void Record(Activity activity)
    {
        Interlocked.Increment(ref _activityCount);
        var source = $"activity {activity.Source.Name}/{activity.OperationName}";
        Add(source, activity.DisplayName);
        Add(source + " status", activity.StatusDescription);
        foreach (var (key, value) in activity.TagObjects)
        {
            Add(source + " tag", $"{key}={value}");
        }

        foreach (var evt in activity.Events)
        {
            Add(source + " event", evt.Name);
            foreach (var (key, value) in evt.Tags)
            {
                Add(source + " event tag", $"{key}={value}");
            }
        }

        foreach (var (key, value) in activity.Baggage)
        {
            Add(source + " baggage", $"{key}={value}");
        }
    }

    private void Record(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        Interlocked.Increment(ref _measurementCount);
        foreach (var (key, value) in tags)
        {
            Add($"metric {instrument.Meter.Name}/{instrument.Name} tag", $"{key}={value}");
        }
    }
}
