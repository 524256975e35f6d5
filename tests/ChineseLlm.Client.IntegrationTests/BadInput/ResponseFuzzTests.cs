using System.Diagnostics;
using System.Text.RegularExpressions;
using ChineseLlm.Client.Faults;
using Microsoft.Extensions.AI;
using Xunit.Abstractions;

namespace ChineseLlm.Client.BadInput;

/// <summary>
/// A seeded, reproducible fuzz test: thousands of random and mutated vendor bodies and streams (the fixtures in
/// tests/Payloads/&lt;provider&gt;/, truncated, bit-flipped, with fields dropped, duplicated, of the wrong type, huge
/// numbers, nulls, deep nesting, broken SSE framing, plus pure noise) fed to every adapter through an in-memory
/// transport. The only exception that may come out is <see cref="ChineseLlmException"/> naming the provider —
/// never a NullReferenceException, IndexOutOfRangeException, JsonException, InvalidCastException, … — and no case
/// may hang. A failing case prints its seed; <see cref="Replay"/> reruns exactly that case.
/// </summary>
public sealed partial class ResponseFuzzTests(ITestOutputHelper output)
{
    /// <summary>Change to explore new cases; every run with the same seed generates exactly the same bodies.</summary>
    private const int MasterSeed = 20_261_124;
    private const int CasesPerProfile = 1000;
    private static readonly TimeSpan CaseLimit = TimeSpan.FromSeconds(5);

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task ChatClient_MutatedAndRandomResponses_FailOnlyWithChineseLlmException(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        var fuzz = new Fuzz(profile);
        var failures = new List<string>();
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var watch = Stopwatch.StartNew();

        for (var i = 0; i < CasesPerProfile; i++)
        {
            var seed = CaseSeed(profile, i);
            var result = await fuzz.RunAsync(seed);
            outcomes[result.Outcome] = outcomes.GetValueOrDefault(result.Outcome) + 1;
            if (result.Failure is not null)
            {
                failures.Add($"case {i} (Replay(\"{profile.Id}\", {seed})): {result.Failure}");
            }
        }

        output.WriteLine($"{profile.Id}: {CasesPerProfile} cases in {watch.ElapsedMilliseconds} ms: " +
            string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value}")));
        Assert.True(failures.Count == 0, $"{failures.Count} of {CasesPerProfile} cases failed:{Environment.NewLine}" + string.Join(Environment.NewLine, failures.Take(20)));

        // The fuzz reaches both ends: some broken bodies still parse into answers, most end in a mapped error.
        Assert.True(outcomes.GetValueOrDefault("ok") > 0, "no case succeeded: the generator breaks everything");
        Assert.True(outcomes.Keys.Count(k => k != "ok") >= 3, "too few distinct error kinds: the generator is too narrow");
    }

    /// <summary>Reruns one case by its seed (paste the Replay(…) a failure printed into an InlineData).</summary>
    [Theory]
    [InlineData("deepseek", 20_261_124)]
    public async Task Replay(string provider, int seed)
    {
        var result = await new Fuzz(ProviderProfiles.Get(provider)).RunAsync(seed);
        output.WriteLine($"{result.Description} → {result.Outcome}");
        Assert.Null(result.Failure);
    }

    private static int CaseSeed(ProviderProfile profile, int index)
    {
        // A stable hash (string.GetHashCode differs between processes).
        var hash = 17;
        foreach (var c in profile.Id)
        {
            hash = unchecked((hash * 31) + c);
        }

        return unchecked(MasterSeed + (hash * 1_000_003) + (index * 7_919));
    }

    private sealed record CaseResult(string Description, string Outcome, string? Failure);

    /// <summary>One profile's client on an in-memory transport, and the case generator.</summary>
    private sealed partial class Fuzz
    {
        private readonly ProviderProfile _profile;
        private readonly List<(string Name, string Text)> _fixtures;

        public Fuzz(ProviderProfile profile)
        {
            _profile = profile;
            _fixtures = [.. profile.ResponseFixtures().Select(f => (f, profile.Read(f)))];
            Assert.NotEmpty(_fixtures);
        }

        public async Task<CaseResult> RunAsync(int seed)
        {
            var random = new Random(seed);
            var handler = new CannedResponseHandler { Auxiliary = _profile.AnswerSideRequest };
            var (description, streaming) = Generate(random, handler);
            using var http = new HttpClient(handler);
            using var client = _profile.CreateClient(new Uri("http://fuzz.invalid"), o =>
            {
                o.Timeout = TimeSpan.FromSeconds(30);
                o.StreamIdleTimeout = TimeSpan.FromSeconds(30);
            }, httpClient: http);

            try
            {
                var call = streaming ? ReadStreamAsync(client) : CallAsync(client);
                await call.WaitAsync(CaseLimit);
                return new CaseResult(description, "ok", null);
            }
            catch (ChineseLlmException ex) when (ex.Provider == _profile.Key && Enum.IsDefined(ex.Kind))
            {
                return new CaseResult(description, ex.Kind.ToString(), null);
            }
            catch (TimeoutException)
            {
                return new CaseResult(description, "hang", $"{description}: no result within {CaseLimit}");
            }
            catch (Exception ex)
            {
                var frame = ex.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("ChineseLlm.Client", StringComparison.Ordinal))?.Trim();
                return new CaseResult(description, ex.GetType().Name, $"{description}: {ex.GetType().Name}: {ex.Message} {frame}");
            }
        }

        private (string Description, bool Streaming) Generate(Random random, CannedResponseHandler handler)
        {
            string description;
            bool streaming;
            int status = 200;
            string? contentType;
            if (random.Next(10) == 0)
            {
                (handler.Body, description) = PayloadMutator.Noise(random);
                streaming = random.Next(2) == 0;
                contentType = streaming ? "text/event-stream" : "application/json";
            }
            else
            {
                var (name, text) = _fixtures[random.Next(_fixtures.Count)];
                var isStream = name.EndsWith(".sse", StringComparison.Ordinal);
                var (body, steps) = isStream ? PayloadMutator.MutateSse(text, random) : PayloadMutator.MutateJson(text, random);
                handler.Body = body;
                description = $"{name}: {steps}";
                streaming = random.Next(8) == 0 ? !isStream : isStream;
                contentType = isStream ? "text/event-stream" : "application/json";
                if (ErrorStatus().Match(name) is { Success: true } match && random.Next(10) < 7)
                {
                    status = int.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            if (random.Next(12) == 0)
            {
                int[] statuses = [200, 201, 204, 400, 401, 404, 408, 429, 500, 502, 503];
                status = statuses[random.Next(statuses.Length)];
            }

            if (random.Next(10) == 0)
            {
                string?[] types = [null, "text/plain", "text/html", "application/json; charset=gbk", "text/event-stream; charset=utf-8", "application/octet-stream", "application/problem+json"];
                contentType = types[random.Next(types.Length)];
            }

            handler.StatusCode = status;
            handler.ContentType = contentType;
            return ($"{description} [HTTP {status}, {contentType ?? "no content type"}, {(streaming ? "stream" : "non-stream")}]", streaming);
        }

        private static async Task CallAsync(IChatClient client)
        {
            var response = await client.GetResponseAsync(FaultRun.Hello);
            Touch(response);
        }

        private static async Task ReadStreamAsync(IChatClient client)
        {
            var updates = new List<ChatResponseUpdate>();
            await foreach (var update in client.GetStreamingResponseAsync(FaultRun.Hello))
            {
                updates.Add(update);
            }

            Touch(updates.ToChatResponse());
        }

        /// <summary>Reads what a caller reads, so a lazily thrown exception counts too.</summary>
        private static void Touch(ChatResponse response)
        {
            _ = response.Text;
            _ = response.FinishReason;
            _ = response.Usage?.TotalTokenCount;
            _ = response.ModelId;
            foreach (var content in response.Messages.SelectMany(m => m.Contents))
            {
                if (content is FunctionCallContent call)
                {
                    _ = call.Arguments?.Count;
                }
            }
        }

        [GeneratedRegex(@"error-(\d{3})-")]
        private static partial Regex ErrorStatus();
    }
}
