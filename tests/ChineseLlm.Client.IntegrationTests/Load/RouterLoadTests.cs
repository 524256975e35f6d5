#pragma warning disable CLLM001 // ISpendLedger is experimental: the test reads the ledger the router keeps
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using ChineseLlm.Client.Faults;
using ChineseLlm.Client.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;
using static ChineseLlm.Client.Faults.FaultResponses;

namespace ChineseLlm.Client.Load;

/// <summary>
/// 2,000 concurrent calls (a quarter of them streamed) through the cost-aware router over four loopback vendors that
/// fail often — 503s, 429s, 500s, connection resets before the headers, and a few streams cut after their first
/// text. Every call must complete exactly once with its own answer or a <see cref="ChineseLlmException"/>; no answer
/// may be produced twice (each vendor records what it answered, by request id); the budget ledger must equal the
/// sum of what the callers were told they spent (streams cut after content are charged their estimate, as
/// documented) with nothing left reserved; and no vendor may see more connections than the configured pool.
/// </summary>
public sealed partial class RouterLoadTests(ITestOutputHelper output)
{
    private const int Calls = 2_000;
    private const int MaxConnectionsPerVendor = 64;

    /// <summary>The vendors, how each fails the calls it is not sure to answer, and the kind the caller sees for it.</summary>
    private static readonly (string Provider, Func<FaultHandler> Failure, LlmErrorKind Kind)[] Vendors =
    [
        ("deepseek", () => Status(503, "busy", "text/plain", ("Retry-After", "0")), LlmErrorKind.ServerError),
        ("kimi", () => Status(429, """{"error":{"type":"engine_overloaded_error","message":"The engine is currently overloaded"}}""", "application/json", ("Retry-After", "0")), LlmErrorKind.RateLimited),
        ("doubao", ResetBeforeHeaders, LlmErrorKind.Network),
        ("glm", () => Status(500, """{"error":{"code":"500","message":"internal error"}}"""), LlmErrorKind.ServerError),
    ];

    /// <summary>What a call fails with when its provider's circuit breaker is open (<c>Http/ProviderCall.cs</c>).</summary>
    private const string CircuitOpen = "circuit breaker is open";

    [Fact]
    public async Task Router_2000ConcurrentCallsWithFailingVendors_EachCompletesOnceLedgerExactConnectionsBounded()
    {
        var ledger = new ConcurrentDictionary<int, ConcurrentQueue<string>>(); // request number → vendors that answered it
        var servers = new List<FaultServer>();
        try
        {
            for (var i = 0; i < Vendors.Length; i++)
            {
                servers.Add(await FaultServer.StartAsync(Vendor(i, ledger), backlog: 4096));
            }

            using var host = BuildHost(servers);
            await host.StartAsync();
            var router = host.Services.GetRequiredService<IChatClient>();
            var spend = host.Services.GetRequiredService<ISpendLedger>();
            var watch = Stopwatch.StartNew();

            var outcomes = await Task.WhenAll(Enumerable.Range(0, Calls).Select(n => Task.Run(() => CallAsync(router, n))))
                .WaitAsync(TimeSpan.FromSeconds(150));

            var circuitOpen = outcomes.SelectMany(o => o.Decision?.Attempts ?? [])
                .Where(a => a.Error?.Contains(CircuitOpen, StringComparison.Ordinal) == true)
                .CountBy(a => a.Provider)
                .ToDictionary();
            output.WriteLine($"{Calls} calls in {watch.ElapsedMilliseconds} ms; " +
                string.Join(", ", outcomes.GroupBy(o => o.Outcome).Select(g => $"{g.Key} {g.Count()}")) + "; vendors: " +
                string.Join(", ", servers.Select((s, i) => $"{Vendors[i].Provider} {s.Hits} hits, {s.ConnectionsAccepted} connections (peak {s.PeakOpenConnections} open, {s.AbortedRequests} requests aborted), " +
                    $"{circuitOpen.GetValueOrDefault(Vendors[i].Provider)} attempts refused by its open circuit")));

            // Every call completed exactly once, with its own answer or a ChineseLlmException.
            Assert.Equal(Calls, outcomes.Length);
            Assert.Equal(Calls, outcomes.Select(o => o.Number).Distinct().Count());
            var unexpected = outcomes.Where(o => o.Unexpected is not null).Select(o => $"call {o.Number}: {o.Unexpected}").ToList();
            Assert.True(unexpected.Count == 0, string.Join(Environment.NewLine, unexpected.Take(10)));

            // Every attempt of every call is explained: a vendor failed it only because this test tells it to fail that call, or
            // because the vendor's circuit breaker was open. The breaker (half of at least 10 calls in 30 s failing opens it for
            // 15 s, longer than this test) can open here by chance: GLM, tried first, fails 4 calls in every 10 consecutive ones
            // (~30 %), so its first dozen outcomes sit just under half, and a few calls finishing out of order on a busy machine
            // tip them over. Its calls then fall to Doubao all at once, which can open the same way, and a vendor whose
            // neighbours are open sees each call it fails once per model it serves. Measured on this 2-core machine: with every
            // circuit closed, ok 1,950 every time; with GLM's and Doubao's open (1 run in 12 beside three CPU hogs), ok 1,915;
            // in the suite, ok 1,614 and 1,637. So a call may fail, but only when every candidate failed it in one of those ways.
            foreach (var outcome in outcomes)
            {
                Assert.True(outcome.Decision is not null, $"call {outcome.Number} ({outcome.Outcome}) carries no routing decision");
                var attempts = outcome.Decision.Attempts;
                for (var a = 0; a < attempts.Count; a++)
                {
                    var attempt = attempts[a];
                    var vendor = Array.FindIndex(Vendors, v => v.Provider == attempt.Provider);
                    var cutHere = outcome.Outcome == "cut after content" && a == attempts.Count - 1;
                    if (attempt.Outcome == RoutingAttemptOutcome.Succeeded || cutHere)
                    {
                        Assert.True(Answers(outcome.Number, vendor), $"call {outcome.Number}: {attempt.Provider} answered a call it was told to fail");
                    }
                    else if (attempt.Error?.Contains(CircuitOpen, StringComparison.Ordinal) == true)
                    {
                        Assert.Equal(LlmErrorKind.ServerError, attempt.ErrorKind);
                    }
                    else
                    {
                        Assert.True(attempt.Outcome == RoutingAttemptOutcome.Failed && !Answers(outcome.Number, vendor) && attempt.ErrorKind == Vendors[vendor].Kind,
                            $"call {outcome.Number}, attempt {a + 1} on {attempt.Provider}/{attempt.ModelId}: {attempt.Outcome} {attempt.ErrorKind} '{attempt.Error}' is not the failure that vendor was told to give");
                    }
                }

                if (outcome.Outcome is not ("ok" or "cut after content"))
                {
                    // Failed: every model that could serve it was tried (none was left out), each failing as above.
                    Assert.Equal(outcome.Decision.Candidates.Count(c => c.IsEligible), attempts.Count);
                }
            }

            // With every circuit closed, every call reaches a vendor that answers it (50 streams are cut after content on purpose).
            Assert.True(circuitOpen.Count > 0 || outcomes.Count(o => o.Outcome == "ok") >= Calls * 9 / 10, "most calls find a vendor that answers");

            // No answer was produced twice, and the vendor that answered is the one the caller was told about.
            foreach (var outcome in outcomes)
            {
                var answeredBy = ledger.TryGetValue(outcome.Number, out var vendors) ? vendors.ToList() : [];
                if (outcome.Outcome == "ok" || outcome.Outcome == "cut after content")
                {
                    Assert.True(answeredBy.Count == 1, $"call {outcome.Number} was answered by {answeredBy.Count} vendors");
                    Assert.Equal(outcome.Provider, answeredBy[0]);
                }
                else
                {
                    Assert.Empty(answeredBy);
                }
            }

            // The ledger holds exactly what the callers were charged, and nothing is left reserved.
            var summary = await spend.GetSummaryAsync(BudgetPeriodKeys.KeyOf(BudgetPeriod.Day, TimeProvider.System.GetUtcNow()));
            Assert.Equal(0, summary.OpenReservations);
            Assert.Equal(0m, summary.Reserved);
            Assert.Equal(outcomes.Sum(o => o.Charged), summary.Settled);

            // Bounded connections: the pool never held more than allowed, however many calls were waiting (the server may
            // count a connection the client already closed for a moment, hence the small slack), and connections were
            // reused rather than opened per call.
            // A vendor the router did not need (the cost order depends on the time of day: DeepSeek's peak window) may see
            // no connection at all; the bound is what matters.
            Assert.All(servers, s => Assert.InRange(s.PeakOpenConnections, s.Hits > 0 ? 1 : 0, MaxConnectionsPerVendor + 8));
            // Reused: beyond the pool's first connections, a vendor sees a new connection only to replace one it aborted
            // (Doubao resets every call it fails, a cut stream ends its connection). Counted this way, the bound holds
            // however the load falls: a vendor taking every call while another's circuit is open resets hundreds.
            Assert.All(servers, s => Assert.True(s.ConnectionsAccepted <= MaxConnectionsPerVendor + s.AbortedRequests + 8,
                $"{s.ConnectionsAccepted} connections for {s.Hits} requests, {s.AbortedRequests} of them aborted"));
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }

    private sealed record CallOutcome(int Number, string Outcome, string? Provider, decimal Charged, string? Unexpected, RoutingDecision? Decision = null);

    private static async Task<CallOutcome> CallAsync(IChatClient router, int n)
    {
        var id = $"call-{n:D5}";
        // Standard: every one of the four vendors has routable rows at that tier in the catalog (Doubao has none above it).
        var options = new ChatOptions().WithTier(ModelTier.Standard);
        try
        {
            if (n % 4 == 0)
            {
                var updates = new List<ChatResponseUpdate>();
                await foreach (var update in router.GetStreamingResponseAsync(id, options))
                {
                    updates.Add(update);
                    if (update.Text.Length > 0)
                    {
                        FirstUpdateSeen(n).TrySetResult();
                    }
                }

                var text = string.Concat(updates.Select(u => u.Text));
                var final = updates[^1];
                return text == Answer(id)
                    ? new CallOutcome(n, "ok", final.GetProvider(), final.GetCost() ?? 0m, null, final.GetRoutingDecision())
                    : new CallOutcome(n, "wrong answer", final.GetProvider(), 0m, $"streamed '{text}'");
            }

            var response = await router.GetResponseAsync(id, options);
            return response.Text == Answer(id)
                ? new CallOutcome(n, "ok", response.GetProvider(), response.GetCost() ?? 0m, null, response.GetRoutingDecision())
                : new CallOutcome(n, "wrong answer", response.GetProvider(), 0m, $"answered '{response.Text}'");
        }
        catch (ChineseLlmException ex)
        {
            // A stream cut after content does not fail over; the router charges it its estimate (see its docs).
            var cut = ex.GetRoutingDecision()?.Attempts is [.., { Outcome: RoutingAttemptOutcome.Failed } last] && ex.Kind == LlmErrorKind.Network && n % 4 == 0 && CutsAfterContent(n)
                ? last
                : null;
            return cut is not null
                ? new CallOutcome(n, "cut after content", cut.Provider, cut.EstimatedCost ?? 0m, null, ex.GetRoutingDecision())
                : new CallOutcome(n, ex.Kind.ToString(), ex.Provider, 0m, null, ex.GetRoutingDecision());
        }
        catch (Exception ex)
        {
            return new CallOutcome(n, ex.GetType().Name, null, 0m, ex.ToString());
        }
    }

    private static string Answer(string id) => "echo:" + id;

    /// <summary>Completed when the caller of call <paramref name="n"/> has received streamed text (the vendor may then cut the stream).</summary>
    private static TaskCompletionSource FirstUpdateSeen(int n) =>
        FirstUpdates.GetOrAdd(n, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private static readonly ConcurrentDictionary<int, TaskCompletionSource> FirstUpdates = new();

    /// <summary>Whether vendor <paramref name="vendor"/> is sure to answer call <paramref name="n"/> (each call has one such vendor).</summary>
    private static bool Answers(int n, int vendor) => vendor == n % Vendors.Length || (((n * 31) + (vendor * 17)) % 10) >= 4;

    /// <summary>A few streamed calls are cut after their first text by the vendor that answers them.</summary>
    private static bool CutsAfterContent(int n) => n % 40 == 8;

    private static FaultHandler Vendor(int vendor, ConcurrentDictionary<int, ConcurrentQueue<string>> ledger) => async (context, hit) =>
    {
        var request = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync())!;
        var messages = request["messages"]!.AsArray();
        var id = messages[^1]!["content"]!.GetValue<string>();
        var n = int.Parse(id.AsSpan("call-".Length), CultureInfo.InvariantCulture);
        var streaming = request["stream"]?.GetValue<bool>() == true;
        var model = request["model"]!.GetValue<string>();
        if (!Answers(n, vendor))
        {
            await Vendors[vendor].Failure()(context, hit);
            return;
        }

        ledger.GetOrAdd(n, _ => new()).Enqueue(Vendors[vendor].Provider);
        if (!streaming)
        {
            await Json(ChatBody(model, Answer(id)))(context, hit);
        }
        else if (CutsAfterContent(n))
        {
            // Cut only once the caller holds the content: a fixed grace before the abort lost the event on a busy
            // machine, the router then (rightly) failed over before any content, and a second vendor answered.
            await SseThenCloseWhenRead(StreamBody(model, Answer(id)), events: 1, ct => FirstUpdateSeen(n).Task.WaitAsync(FaultRun.HangLimit, ct))(context, hit);
        }
        else
        {
            await Sse(StreamBody(model, Answer(id)))(context, hit);
        }
    };

    private static string ChatBody(string model, string text) =>
        new JsonObject
        {
            ["id"] = "chatcmpl-load",
            ["object"] = "chat.completion",
            ["created"] = 1_780_000_000,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text },
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 12, ["completion_tokens"] = 5, ["total_tokens"] = 17 },
        }.ToJsonString();

    private static string StreamBody(string model, string text)
    {
        var first = new JsonObject
        {
            ["id"] = "chatcmpl-load",
            ["object"] = "chat.completion.chunk",
            ["created"] = 1_780_000_000,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = new JsonObject { ["role"] = "assistant", ["content"] = text }, ["finish_reason"] = null }),
        };
        var last = new JsonObject
        {
            ["id"] = "chatcmpl-load",
            ["object"] = "chat.completion.chunk",
            ["created"] = 1_780_000_000,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = new JsonObject(), ["finish_reason"] = "stop" }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 12, ["completion_tokens"] = 5, ["total_tokens"] = 17 },
        };
        return $"data: {first.ToJsonString()}\n\ndata: {last.ToJsonString()}\n\ndata: [DONE]\n\n";
    }

    private static IHost BuildHost(List<FaultServer> servers)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ChineseLlm:Routing:DefaultTier"] = "Advanced",
            ["ChineseLlm:Routing:Budget:Limit"] = "1000000",
            ["ChineseLlm:Routing:Budget:Period"] = "Day",
        };
        for (var i = 0; i < Vendors.Length; i++)
        {
            var profile = ProviderProfiles.Get(Vendors[i].Provider);
            var path = $"ChineseLlm:Providers:{profile.SectionName}";
            foreach (var (key, value) in profile.Credentials)
            {
                settings[$"{path}:{key}"] = value;
            }

            settings[$"{path}:Endpoint"] = profile.EndpointFor(servers[i].BaseUri).ToString();
            settings[$"{path}:MaxRetryAttempts"] = "0"; // every failure is the router's to handle
            settings[$"{path}:Timeout"] = "00:02:00";
            settings[$"{path}:AttemptTimeout"] = "00:01:30";
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Services.AddChineseLlm(builder.Configuration.GetSection("ChineseLlm"));

        // The documented way to bound connections: each provider's named HttpClient takes a configured primary handler.
        foreach (var (provider, _, _) in Vendors)
        {
            builder.Services.AddHttpClient("ChineseLlm." + provider)
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
                {
                    MaxConnectionsPerServer = MaxConnectionsPerVendor,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                });
        }

        return builder.Build();
    }
}
