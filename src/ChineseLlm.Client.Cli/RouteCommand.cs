using System.CommandLine;
using System.Globalization;
using ChineseLlm.Client.Routing;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Cli;

/// <summary>
/// <c>chinesellm route "&lt;prompt&gt;" --tier T [--at &lt;ISO time&gt;] [--output-tokens N]</c>: the router's decision for
/// a prompt — candidates in cost order with their estimated CNY, skipped models with the reason — without calling anyone.
/// The router decides as it would for a real call, over provider clients that never send (<see cref="DryRunChatClient"/>).
/// </summary>
internal static class RouteCommand
{
    public static Command Create(CliContext context)
    {
        var prompt = new Argument<string>("prompt") { Description = "The prompt to route (it is estimated, never sent)." };
        var tier = CliApp.TierOption("The quality tier to ask for; default ChineseLlm:Routing:DefaultTier");
        var at = new Option<string?>("--at") { Description = "Decide as at this time (ISO 8601, e.g. 2026-11-23T10:00:00+08:00): peak and off-peak prices apply. Default: now." };
        var outputTokens = new Option<int?>("--output-tokens") { Description = "The output tokens to estimate with (the call's MaxOutputTokens); default ChineseLlm:Routing:ExpectedOutputTokens." };
        var json = CliApp.JsonOption();
        var catalog = CliApp.CatalogOption();
        var command = new Command("route", "The routing decision for a prompt: candidates, estimated cost in CNY, skip reasons. Nothing is sent.")
        {
            prompt, tier, at, outputTokens, json, catalog,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            TimeProvider time = TimeProvider.System;
            if (parse.GetValue(at) is { } text)
            {
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
                {
                    context.Error.WriteLine($"--at: '{text}' is not an ISO 8601 time such as 2026-11-23T10:00:00+08:00.");
                    return 2;
                }

                time = new FixedTimeProvider(instant);
            }

            if (parse.GetValue(outputTokens) is <= 0)
            {
                context.Error.WriteLine("--output-tokens must be greater than zero.");
                return 2;
            }

            await using var session = await CliSession.StartAsync(context, parse.GetValue(catalog), cancellationToken);
            if (session is null)
            {
                return 2;
            }

            context.Error.WriteLine(session.ModeLine);
            var routing = new RoutingOptions();
            session.Configuration.GetSection("ChineseLlm:Routing").Bind(routing);
            var providers = session.Router.Providers.ToDictionary(p => p, p => (IChatClient)new DryRunChatClient(p), StringComparer.Ordinal);
            // The session's catalog in force (embedded or --catalog, with ChineseLlm:Models), not re-applied on the embedded one.
            using var router = new CostAwareChatClient(providers, RouterSettings.FromValidated(session.Router.Settings.Catalog, routing), time, spendLedger: null, providerHealth: null, loggerFactory: null, requireProviders: true);

            var options = new ChatOptions { MaxOutputTokens = parse.GetValue(outputTokens) }.WithTier(parse.GetValue(tier) ?? routing.DefaultTier);
            RoutingDecision decision;
            try
            {
                decision = (await router.GetResponseAsync(parse.GetRequiredValue(prompt), options, cancellationToken)).GetRoutingDecision()
                    ?? throw new InvalidOperationException("the router returned no decision");
            }
            catch (ChineseLlmException ex) when (ex.GetRoutingDecision() is { } refused)
            {
                decision = refused; // no eligible model (or a budget refusal): the decision says why
            }

            if (parse.GetValue(json))
            {
                WriteJson(context.Output, decision);
            }
            else
            {
                WriteText(context.Output, decision);
            }

            return decision.Candidates.Any(c => c.IsEligible) ? 0 : 1;
        });
        return command;
    }

    private static void WriteText(TextWriter output, RoutingDecision decision)
    {
        var eligible = decision.Candidates.Where(c => c.IsEligible).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Tier {decision.RequestedTier} at {decision.DecidedAt:yyyy-MM-dd'T'HH:mm:sszzz}: about {decision.EstimatedInputTokens} input + {decision.EstimatedOutputTokens} output tokens."));
        output.WriteLine(eligible.Count == 0 ? "No model is eligible." : $"Would call {eligible[0].Provider}/{eligible[0].ModelId} (estimated {TextTable.Money(eligible[0].EstimatedCost)} CNY); nothing was sent.");
        output.WriteLine();
        output.WriteLine("Candidates, in the order the router would try them:");
        var candidates = new TextTable("#", "MODEL", "TIER", "ESTIMATED CNY");
        for (var i = 0; i < eligible.Count; i++)
        {
            candidates.Add((i + 1).ToString(CultureInfo.InvariantCulture), $"{eligible[i].Provider}/{eligible[i].ModelId}", eligible[i].Tier?.ToString() ?? "-", TextTable.Money(eligible[i].EstimatedCost));
        }

        candidates.Write(output);
        output.WriteLine();
        output.WriteLine("Skipped:");
        var skipped = new TextTable("MODEL", "TIER", "REASON", "DETAIL");
        foreach (var c in decision.Candidates.Where(c => !c.IsEligible))
        {
            skipped.Add($"{c.Provider}/{c.ModelId}", c.Tier?.ToString() ?? "-", c.SkipReason?.ToString() ?? "-", c.SkipDetail ?? string.Empty);
        }

        skipped.Write(output);
    }

    private static void WriteJson(TextWriter output, RoutingDecision decision) => CliJson.Write(output, w =>
    {
        var eligible = decision.Candidates.Where(c => c.IsEligible).ToList();
        w.WriteStartObject();
        w.WriteString("tier", decision.RequestedTier.ToString());
        w.WriteString("decided_at", decision.DecidedAt.ToString("O", CultureInfo.InvariantCulture));
        w.WriteNumber("estimated_input_tokens", decision.EstimatedInputTokens);
        w.WriteNumber("estimated_output_tokens", decision.EstimatedOutputTokens);
        if (eligible.Count > 0)
        {
            w.WriteStartObject("chosen");
            w.WriteString("provider", eligible[0].Provider);
            w.WriteString("model", eligible[0].ModelId);
            w.Number("estimated_cost", eligible[0].EstimatedCost);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("chosen");
        }

        w.WriteStartArray("candidates");
        foreach (var c in eligible)
        {
            w.WriteStartObject();
            w.WriteString("provider", c.Provider);
            w.WriteString("model", c.ModelId);
            w.WriteString("tier", c.Tier?.ToString());
            w.Number("estimated_cost", c.EstimatedCost);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("skipped");
        foreach (var c in decision.Candidates.Where(c => !c.IsEligible))
        {
            w.WriteStartObject();
            w.WriteString("provider", c.Provider);
            w.WriteString("model", c.ModelId);
            w.WriteString("tier", c.Tier?.ToString());
            w.WriteString("reason", c.SkipReason?.ToString());
            w.WriteString("detail", c.SkipDetail);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>The clock of <c>--at</c>: the router prices and decides as at that instant.</summary>
    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}

/// <summary>A provider client that never sends: it answers empty at once, so the router's decision is all there is.</summary>
internal sealed class DryRunChatClient(string provider) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, string.Empty)) { ModelId = options?.ModelId, FinishReason = ChatFinishReason.Stop });

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        yield return new ChatResponseUpdate(ChatRole.Assistant, string.Empty) { ModelId = options?.ModelId, FinishReason = ChatFinishReason.Stop };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata(provider) : null;

    public void Dispose()
    {
    }
}
