using System.Globalization;
using ChineseLlm.Client;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace ChineseLlm.Samples;

/// <summary>The demo steps, from simple to complex. Each writes to the console and never reads from it.</summary>
internal static class Demos
{
    private const string Introduce = "用一句话介绍你自己。";

    /// <summary>1. The router answers the same question at each tier: which provider and model, tokens and cost.</summary>
    public static async Task RoutedChatPerTierAsync(IChatClient router)
    {
        AnsiConsole.Write(new Rule("[yellow]1. 按档位路由 (a routed chat per tier: the cheapest model that meets it)[/]").LeftJustified());
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Tier").AddColumn("Provider").AddColumn("Model").AddColumn("Answer")
            .AddColumn(new TableColumn("In").RightAligned()).AddColumn(new TableColumn("Out").RightAligned())
            .AddColumn(new TableColumn("Cost (CNY)").RightAligned());

        foreach (var tier in Enum.GetValues<ModelTier>())
        {
            try
            {
                var response = await router.GetResponseAsync(Introduce, new ChatOptions().WithTier(tier));
                table.AddRow(
                    tier.ToString(),
                    Markup.Escape(response.GetProvider() ?? "?"),
                    Markup.Escape(response.ModelId ?? "?"),
                    Markup.Escape(Shorten(response.Text)),
                    Count(response.Usage?.InputTokenCount),
                    Count(response.Usage?.OutputTokenCount),
                    Money(response.GetCost()));
            }
            catch (ChineseLlmException ex)
            {
                table.AddRow(tier.ToString(), "-", "-", $"[red]{Markup.Escape(ex.Kind.ToString())}[/]", "-", "-", "-");
            }
        }

        AnsiConsole.Write(table);
    }

    /// <summary>2. Each configured provider directly (its keyed client), with the tokens it reported.</summary>
    public static async Task ChatPerProviderAsync(IServiceProvider services, IReadOnlyList<string> providers)
    {
        AnsiConsole.Write(new Rule("[yellow]2. 每家厂商一问一答 (each provider directly)[/]").LeftJustified());
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Provider").AddColumn("Model").AddColumn("Answer")
            .AddColumn(new TableColumn("In").RightAligned()).AddColumn(new TableColumn("Cached").RightAligned())
            .AddColumn(new TableColumn("Out").RightAligned());

        foreach (var provider in providers)
        {
            try
            {
                var response = await services.GetRequiredKeyedService<IChatClient>(provider).GetResponseAsync(Introduce);
                table.AddRow(
                    Markup.Escape(provider),
                    Markup.Escape(response.ModelId ?? "?"),
                    Markup.Escape(Shorten(response.Text)),
                    Count(response.Usage?.InputTokenCount),
                    Count(response.Usage?.CachedInputTokenCount),
                    Count(response.Usage?.OutputTokenCount));
            }
            catch (ChineseLlmException ex)
            {
                table.AddRow(Markup.Escape(provider), "-", $"[red]{Markup.Escape(ex.Kind.ToString())}[/]", "-", "-", "-");
            }
        }

        AnsiConsole.Write(table);
    }

    /// <summary>3. A streamed answer through the router, written as the deltas arrive, reasoning first.</summary>
    public static async Task StreamAsync(IChatClient router)
    {
        AnsiConsole.Write(new Rule("[yellow]3. 流式输出 (a streamed answer)[/]").LeftJustified());
        var updates = new List<ChatResponseUpdate>();
        var inReasoning = false;
        await foreach (var update in router.GetStreamingResponseAsync("写一首关于月亮的短诗。", new ChatOptions().WithTier(ModelTier.Advanced)))
        {
            updates.Add(update);
            foreach (var content in update.Contents)
            {
                if (content is TextReasoningContent reasoning && reasoning.Text.Length > 0)
                {
                    AnsiConsole.Markup(inReasoning ? $"[grey]{Markup.Escape(reasoning.Text)}[/]" : $"[grey]（思考）{Markup.Escape(reasoning.Text)}[/]");
                    inReasoning = true;
                }
                else if (content is TextContent text && text.Text.Length > 0)
                {
                    if (inReasoning)
                    {
                        AnsiConsole.WriteLine();
                        inReasoning = false;
                    }

                    AnsiConsole.Write(text.Text);
                }
            }
        }

        var response = updates.ToChatResponse();
        AnsiConsole.WriteLine();
        AnsiConsole.MarkupLine(
            $"[grey]{Markup.Escape(updates.LastOrDefault()?.GetProvider() ?? "?")} / {Markup.Escape(response.ModelId ?? "?")}: " +
            $"{Count(response.Usage?.InputTokenCount)} in, {Count(response.Usage?.OutputTokenCount)} out " +
            $"(reasoning {Count(response.Usage?.ReasoningTokenCount)}), cost {Money(updates.LastOrDefault()?.GetCost())} CNY[/]");
    }

    /// <summary>4. A tool call: the model asks for the weather, a local function answers, the model replies.</summary>
    public static async Task ToolCallAsync(IChatClient router)
    {
        AnsiConsole.Write(new Rule("[yellow]4. 工具调用 (a tool call)[/]").LeftJustified());
        var weather = AIFunctionFactory.Create(
            (string city) =>
            {
                AnsiConsole.MarkupLine($"  [blue]→ get_weather(city: {Markup.Escape(city)})[/] called by the model");
                return $"{city}：晴，25°C";
            },
            "get_weather",
            "查询城市今天的天气");

        using var client = new ChatClientBuilder(router).UseFunctionInvocation().Build();
        var response = await client.GetResponseAsync("北京今天天气怎么样？", new ChatOptions { Tools = [weather] }.WithTier(ModelTier.Standard));
        AnsiConsole.MarkupLine($"  [green]{Markup.Escape(response.Text)}[/] [grey]({Markup.Escape(response.ModelId ?? "?")})[/]");
    }

    /// <summary>5. Failover: the cheapest vendor for the tier fails with a transient error, the router tries the next.</summary>
    public static async Task FailoverAsync(IChatClient router, Action<string>? breakVendor)
    {
        AnsiConsole.Write(new Rule("[yellow]5. 故障转移 (failover when a vendor fails)[/]").LeftJustified());
        var options = new ChatOptions().WithTier(ModelTier.Advanced);
        var first = (await router.GetResponseAsync(Introduce, options)).GetProvider();
        if (breakVendor is not null && first is not null)
        {
            breakVendor(first);
            AnsiConsole.MarkupLine($"  [grey]The simulator now answers every call to {Markup.Escape(first)} with HTTP 5xx.[/]");
        }

        try
        {
            var response = await router.GetResponseAsync(Introduce, options);
            foreach (var attempt in response.GetRoutingDecision()?.Attempts ?? [])
            {
                AnsiConsole.MarkupLine(attempt.Outcome == RoutingAttemptOutcome.Succeeded
                    ? $"  [green]{Markup.Escape(attempt.Provider)}/{Markup.Escape(attempt.ModelId)} answered[/] in {(int)attempt.Duration.TotalMilliseconds} ms, cost {Money(attempt.Cost)} CNY"
                    : $"  [red]{Markup.Escape(attempt.Provider)}/{Markup.Escape(attempt.ModelId)} failed[/]: {Markup.Escape(attempt.ErrorKind?.ToString() ?? attempt.Outcome.ToString())} → next candidate");
            }

            AnsiConsole.MarkupLine($"  {Markup.Escape(Shorten(response.Text))}");
        }
        catch (ChineseLlmException ex)
        {
            AnsiConsole.MarkupLine($"  [red]every candidate failed[/]: {Markup.Escape(ex.Message)}");
        }
    }

    private static string Shorten(string text) => text.Length <= 28 ? text : string.Concat(text.AsSpan(0, 27), "…");

    private static string Count(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

    private static string Money(decimal? value) => value is { } v ? v.ToString("0.000000", CultureInfo.InvariantCulture) : "-";
}
