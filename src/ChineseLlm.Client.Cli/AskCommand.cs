using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace ChineseLlm.Client.Cli;

/// <summary>
/// <c>chinesellm ask "&lt;prompt&gt;" [--tier T | --model M]</c>: streams the router's answer, then who answered, the
/// tokens and the cost in CNY.
/// </summary>
internal static class AskCommand
{
    public static Command Create(CliContext context)
    {
        var prompt = new Argument<string>("prompt") { Description = "The question." };
        var tier = CliApp.TierOption("The quality tier; the cheapest configured model that meets it answers");
        var model = new Option<string?>("--model") { Description = "Pin a model instead of a tier: 'kimi-k2.6', or 'provider/model'." };
        var json = CliApp.JsonOption();
        var catalog = CliApp.CatalogOption();
        var command = new Command("ask", "Ask the router: streams the answer, then provider, model, tokens and cost in CNY.")
        {
            prompt, tier, model, json, catalog,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(tier) is not null && result.GetValue(model) is not null)
            {
                result.AddError("Give --tier or --model, not both.");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var session = await CliSession.StartAsync(context, parse.GetValue(catalog), cancellationToken);
            if (session is null)
            {
                return 2;
            }

            context.Error.WriteLine(session.ModeLine);
            var chat = session.Services.GetRequiredService<IChatClient>();
            var options = new ChatOptions();
            if (parse.GetValue(model) is { } pinned)
            {
                options.ModelId = pinned;
            }
            else if (parse.GetValue(tier) is { } asked)
            {
                options.WithTier(asked);
            }

            var asJson = parse.GetValue(json);
            var updates = new List<ChatResponseUpdate>();
            using var progress = Progress.Start(context.Error, $"Waiting for the answer ({options.ModelId ?? options.GetTier()?.ToString() ?? "default tier"})…", context.Interactive);
            try
            {
                await foreach (var update in chat.GetStreamingResponseAsync(parse.GetRequiredValue(prompt), options, cancellationToken))
                {
                    updates.Add(update);
                    if (update.Text.Length > 0)
                    {
                        progress.Stop();
                        if (!asJson)
                        {
                            context.Output.Write(update.Text);
                        }
                    }
                }
            }
            catch (ChineseLlmException ex)
            {
                progress.Stop();
                context.Error.WriteLine($"The call failed: {ex.Message}");
                return 1;
            }

            progress.Stop();
            var response = updates.ToChatResponse();
            var last = updates.LastOrDefault();
            var provider = last?.GetProvider();
            var cost = last?.GetCost();
            if (asJson)
            {
                CliJson.Write(context.Output, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("answer", response.Text);
                    w.WriteString("provider", provider);
                    w.WriteString("model", response.ModelId);
                    w.Number("input_tokens", response.Usage?.InputTokenCount);
                    w.Number("output_tokens", response.Usage?.OutputTokenCount);
                    w.Number("cost", cost);
                    w.WriteString("currency", "CNY");
                    w.WriteBoolean("online", session.Online);
                    w.WriteEndObject();
                });
            }
            else
            {
                context.Output.WriteLine();
                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"— {provider ?? "?"}/{response.ModelId ?? "?"} · {response.Usage?.InputTokenCount} in, {response.Usage?.OutputTokenCount} out · {TextTable.Money(cost)} CNY"));
            }

            return 0;
        });
        return command;
    }
}
