using System.Net;

namespace ChineseLlm.Client.Testing.Wire;

/// <summary>A response as the simulator means to send it, before faults are applied.</summary>
internal sealed class ResponsePlan
{
    public HttpStatusCode Status { get; init; } = HttpStatusCode.OK;

    /// <summary>Gets the full <c>Content-Type</c> value, or <see langword="null"/> for none.</summary>
    public string? ContentType { get; init; }

    public bool IsStream { get; init; }

    public List<KeyValuePair<string, string>> Headers { get; } = [];

    public List<WireSegment> Segments { get; } = [];

    public ResponsePlan WithHeader(string name, string value)
    {
        Headers.Add(new(name, value));
        return this;
    }

    public ResponsePlan WithJsonBody(byte[] json)
    {
        Segments.Add(new WireSegment(json, IsEvent: false) { Json = json, Prefix = [] });
        return this;
    }

    /// <summary>Keeps the first <paramref name="afterEvents"/> events of a stream (at most all but the last), then <paramref name="error"/>.</summary>
    public ResponsePlan WithErrorAfter(int afterEvents, WireSegment error)
    {
        var total = Segments.Count(s => s.IsEvent);
        var keep = Math.Min(afterEvents, Math.Max(0, total - 1));
        var kept = new List<WireSegment>();
        var events = 0;
        foreach (var segment in Segments)
        {
            if (segment.IsEvent && events == keep)
            {
                break;
            }

            kept.Add(segment);
            events += segment.IsEvent ? 1 : 0;
        }

        Segments.Clear();
        Segments.AddRange(kept);
        Segments.Add(error);
        return this;
    }

    /// <summary>Turns the plan into body steps, with <paramref name="fault"/> applied and <paramref name="eventInterval"/> between events.</summary>
    public List<WireStep> ToSteps(SimulatedFault? fault, TimeSpan eventInterval)
    {
        var steps = new List<WireStep>();
        var midBodyFault = fault?.Type is SimulatedFaultType.ConnectionReset or SimulatedFaultType.StallBetweenEvents or SimulatedFaultType.TruncatedJson;
        if (!IsStream)
        {
            var body = Segments.SelectMany(s => s.Bytes).ToArray();
            if (!midBodyFault)
            {
                steps.Add(WireStep.Write(body));
                return steps;
            }

            // A JSON body breaks half way through.
            var half = body.Length / 2;
            steps.Add(WireStep.Write(body.AsMemory(0, half)));
            switch (fault!.Type)
            {
                case SimulatedFaultType.ConnectionReset:
                    steps.Add(WireStep.Reset());
                    break;
                case SimulatedFaultType.StallBetweenEvents:
                    steps.Add(WireStep.Pause(fault.Duration));
                    steps.Add(WireStep.Write(body.AsMemory(half)));
                    break;
            }

            return steps;
        }

        // A fault always strikes before the last event, so the stream never looks complete.
        var totalEvents = Segments.Count(s => s.IsEvent);
        var strikeAt = midBodyFault ? Math.Min(fault!.AfterEvents, Math.Max(0, totalEvents - 1)) : -1;
        var events = 0;
        foreach (var segment in Segments)
        {
            if (segment.IsEvent && midBodyFault && events == strikeAt)
            {
                switch (fault!.Type)
                {
                    case SimulatedFaultType.ConnectionReset:
                        steps.Add(WireStep.Reset());
                        return steps;
                    case SimulatedFaultType.TruncatedJson:
                        steps.Add(WireStep.Write(Truncate(segment)));
                        return steps;
                    default:
                        steps.Add(WireStep.Pause(fault.Duration));
                        midBodyFault = false;
                        break;
                }
            }

            if (segment.IsEvent && events > 0 && eventInterval > TimeSpan.Zero)
            {
                steps.Add(WireStep.Pause(eventInterval));
            }

            steps.Add(WireStep.Write(segment.Bytes));
            events += segment.IsEvent ? 1 : 0;
        }

        return steps;
    }

    /// <summary>The event's framing, then the first half of its JSON, then the event terminator.</summary>
    private static byte[] Truncate(WireSegment segment)
    {
        var json = segment.Json ?? segment.Bytes;
        var prefix = segment.Prefix ?? [];
        return [.. prefix, .. json.AsSpan(0, json.Length / 2), (byte)'\n', (byte)'\n'];
    }
}
