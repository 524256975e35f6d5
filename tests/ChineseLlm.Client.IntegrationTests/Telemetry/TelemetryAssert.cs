using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace ChineseLlm.Client.Telemetry;

/// <summary>Assertions over recorded telemetry.</summary>
public static class TelemetryAssert
{
    public static object? Tag(Activity activity, string key) => activity.GetTagItem(key);

    /// <summary>Asserts that no text recorded on the activity (name, status, tags, events, links) contains <paramref name="secret"/>.</summary>
    public static void DoesNotContain(string secret, Activity activity)
    {
        var texts = new List<string?> { activity.DisplayName, activity.OperationName, activity.StatusDescription };
        texts.AddRange(activity.TagObjects.Select(t => t.Key + "=" + Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var e in activity.Events)
        {
            texts.Add(e.Name);
            texts.AddRange(e.Tags.Select(t => t.Key + "=" + Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture)));
        }

        texts.AddRange(activity.Baggage.Select(b => b.Key + "=" + b.Value));
        foreach (var text in texts)
        {
            Assert.DoesNotContain(secret, text ?? string.Empty, StringComparison.Ordinal);
        }
    }

    /// <summary>Asserts that no tag of any measurement contains <paramref name="secret"/>.</summary>
    public static void DoesNotContain<T>(string secret, IEnumerable<CollectedMeasurement<T>> measurements)
        where T : struct
    {
        foreach (var measurement in measurements)
        {
            foreach (var tag in measurement.Tags)
            {
                Assert.DoesNotContain(secret, tag.Key + "=" + Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            }
        }
    }
}
