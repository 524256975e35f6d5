using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChineseLlm.Client.Faults;

namespace ChineseLlm.Client.BadInput;

/// <summary>
/// Turns a vendor fixture into a broken one, reproducibly from a <see cref="Random"/>: JSON bodies get a structural
/// mutation (<see cref="JsonMutator"/>) and/or byte damage; SSE transcripts get mutated events and broken framing.
/// Each mutation is described in words so a failing case can be read (and replayed from its seed).
/// </summary>
public static class PayloadMutator
{
    /// <summary>Mutates a JSON body; returns the bytes and what was done.</summary>
    public static (byte[] Body, string Description) MutateJson(string json, Random random)
    {
        var steps = new List<string>();
        var text = json;
        var rounds = 1 + random.Next(3);
        for (var i = 0; i < rounds; i++)
        {
            if (random.Next(4) > 0 && TryMutate(text, random) is { } mutated)
            {
                text = mutated.Text;
                steps.Add(mutated.Step);
            }
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        if (steps.Count == 0 || random.Next(3) == 0)
        {
            bytes = DamageBytes(bytes, random, steps);
        }

        return (bytes, string.Join(", ", steps));
    }

    /// <summary>Mutates an SSE transcript; returns the bytes and what was done.</summary>
    public static (byte[] Body, string Description) MutateSse(string transcript, Random random)
    {
        var steps = new List<string>();
        var events = FaultResponses.SplitEvents(transcript);
        var rounds = 1 + random.Next(3);
        for (var i = 0; i < rounds && events.Count > 0; i++)
        {
            var at = random.Next(events.Count);
            switch (random.Next(11))
            {
                case 0:
                case 1:
                case 2:
                    // Mutate one event's JSON data.
                    if (TryMutate(DataOf(events[at]), random) is { } mutated)
                    {
                        events[at] = "data: " + mutated.Text.ReplaceLineEndings(" ") + "\n\n";
                        steps.Add($"event {at}: {mutated.Step}");
                    }

                    break;
                case 3:
                    events.RemoveAt(at);
                    steps.Add($"drop event {at}");
                    break;
                case 4:
                    events.Insert(at, events[at]);
                    steps.Add($"duplicate event {at}");
                    break;
                case 5:
                    var other = random.Next(events.Count);
                    (events[at], events[other]) = (events[other], events[at]);
                    steps.Add($"swap events {at} and {other}");
                    break;
                case 6:
                    events.RemoveAll(e => DataOf(e).Trim() == "[DONE]");
                    steps.Add("no [DONE]");
                    break;
                case 7:
                    events[at] = events[at].Replace("data:", string.Empty, StringComparison.Ordinal);
                    steps.Add($"event {at} without data:");
                    break;
                case 8:
                    events.Insert(at, Garbage[random.Next(Garbage.Length)]);
                    steps.Add($"garbage before event {at}");
                    break;
                case 9:
                    events[at] = events[at].TrimEnd('\n') + "\n"; // the blank line that ends the event is gone
                    steps.Add($"event {at} not terminated");
                    break;
                default:
                    events[at] = "event: error\n" + events[at];
                    steps.Add($"event {at} typed error");
                    break;
            }
        }

        var text = string.Concat(events);
        if (random.Next(5) == 0)
        {
            text = random.Next(2) == 0 ? text.Replace("\n", "\r\n", StringComparison.Ordinal) : text.Replace("\n", "\r", StringComparison.Ordinal);
            steps.Add("CRLF/CR line ends");
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        if (random.Next(4) == 0)
        {
            bytes = DamageBytes(bytes, random, steps);
        }

        return (bytes, string.Join(", ", steps));
    }

    /// <summary>Random bytes or a random JSON value: bodies that never were a vendor's.</summary>
    public static (byte[] Body, string Description) Noise(Random random)
    {
        switch (random.Next(4))
        {
            case 0:
                var bytes = new byte[random.Next(1, 2048)];
                random.NextBytes(bytes);
                return (bytes, $"{bytes.Length} random bytes");
            case 1:
                return (Encoding.UTF8.GetBytes(RandomJson(random, depth: 0)), "random JSON");
            case 2:
                var events = string.Concat(Enumerable.Range(0, random.Next(1, 8)).Select(_ => "data: " + RandomJson(random, depth: 0) + "\n\n"));
                return (Encoding.UTF8.GetBytes(events), "SSE of random JSON");
            default:
                string[] literals = ["null", "[]", "{}", "\"\"", "0", "true", "data: [DONE]\n\n", "{\"choices\":null}", "{\"error\":null}", "{\"error\":{}}", "{\"Response\":{}}", "{\"output\":{}}"];
                var literal = literals[random.Next(literals.Length)];
                return (Encoding.UTF8.GetBytes(literal), $"literal {literal}");
        }
    }

    private static readonly string[] Garbage =
    [
        ": keep-alive\n\n", "\n\n\n", "retry: 10\n\n", "id: 7\n\n", "data:\n\n", "data: \n\n", "data: null\n\n", "data: []\n\n",
        "data: {}\n\n", "data: \"text\"\n\n", "data: 42\n\n", "event: ping\ndata: {}\n\n", "<html>\n\n", "data: [DONE] trailing\n\n",
        "data: {\"error\":null}\n\n", "data: {\"choices\":[null]}\n\n", "data: {\"choices\":[{\"delta\":null}]}\n\n",
    ];

    private static byte[] DamageBytes(byte[] bytes, Random random, List<string> steps)
    {
        if (bytes.Length == 0)
        {
            return bytes;
        }

        switch (random.Next(4))
        {
            case 0:
                var keep = random.Next(bytes.Length);
                steps.Add($"truncated to {keep} bytes");
                return bytes[..keep];
            case 1:
                var copy = (byte[])bytes.Clone();
                var flips = 1 + random.Next(8);
                for (var i = 0; i < flips; i++)
                {
                    copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
                }

                steps.Add($"{flips} bits flipped");
                return copy;
            case 2:
                var at = random.Next(bytes.Length);
                byte[] invalid = [0xC3, 0x28, 0xFF, 0xFE, 0x00, 0xED, 0xA0, 0x80];
                steps.Add($"invalid UTF-8 at {at}");
                return [.. bytes[..at], .. invalid, .. bytes[at..]];
            default:
                var from = random.Next(bytes.Length);
                var length = random.Next(bytes.Length - from);
                steps.Add($"bytes {from}..{from + length} repeated");
                return [.. bytes[..(from + length)], .. bytes[from..]];
        }
    }

    private static string RandomJson(Random random, int depth)
    {
        var pick = depth > 4 ? random.Next(4) : random.Next(6);
        return pick switch
        {
            0 => "null",
            1 => random.Next(2) == 0 ? "true" : "false",
            2 => random.Next(3) == 0 ? "1e308" : random.Next(-1000, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture),
            3 => JsonSerializer.Serialize(Names[random.Next(Names.Length)], BadInputJsonContext.Default.String),
            4 => "[" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => RandomJson(random, depth + 1))) + "]",
            _ => "{" + string.Join(",", Enumerable.Range(0, random.Next(5)).Select(_ =>
                JsonSerializer.Serialize(Names[random.Next(Names.Length)], BadInputJsonContext.Default.String) + ":" + RandomJson(random, depth + 1))) + "}",
        };
    }

    /// <summary>Field names the vendors use, so random JSON hits real code paths.</summary>
    private static readonly string[] Names =
    [
        "id", "choices", "message", "delta", "content", "reasoning_content", "tool_calls", "function", "arguments", "name",
        "index", "finish_reason", "usage", "prompt_tokens", "completion_tokens", "total_tokens", "error", "code", "type",
        "created", "model", "Response", "Choices", "Delta", "Content", "Usage", "Error", "ErrorMsg", "output", "sid",
        "request_id", "RequestId", "base_resp", "status_code", "text", "role",
    ];

    private static string DataOf(string block)
    {
        var lines = block.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l[5..].TrimStart());
        return string.Join("\n", lines);
    }

    /// <summary>Applies one structural mutation, or returns <see langword="null"/> when the text is no longer a JSON tree.</summary>
    private static (string Text, string Step)? TryMutate(string text, Random random)
    {
        var kind = (JsonMutator.Kind)random.Next(Enum.GetValues<JsonMutator.Kind>().Length);
        var pick = random.Next();
        try
        {
            var node = JsonNode.Parse(text.Trim(), documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
            var target = pick % JsonMutator.CountNodes(node);
            return (JsonMutator.Mutate(node, target, kind, random), $"{kind}@{target}");
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            return null; // not JSON, too deep, a duplicated key or a lone surrogate from an earlier round
        }
    }
}
