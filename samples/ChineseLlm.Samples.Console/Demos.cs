using ChineseLlm.Client;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace ChineseLlm.Samples;

/// <summary>The demo steps, from simple to complex. Each writes to the console and never reads from it.</summary>
internal static class Demos
{
    /// <summary>1. The same question to every provider, with the model that answered and the tokens it used.</summary>
    public static async Task ChatPerProviderAsync(IServiceProvider services, IReadOnlyList<string> providers)
    {
        AnsiConsole.Write(new Rule("[yellow]1. 每家厂商一问一答 (one chat per provider)[/]").LeftJustified());
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Provider").AddColumn("Model").AddColumn("Answer")
            .AddColumn(new TableColumn("In").RightAligned()).AddColumn(new TableColumn("Cached").RightAligned())
            .AddColumn(new TableColumn("Out").RightAligned()).AddColumn(new TableColumn("ms").RightAligned());

        foreach (var provider in providers)
        {
            var client = services.GetRequiredKeyedService<IChatClient>(provider);
            var started = TimeProvider.System.GetTimestamp();
            try
            {
                var response = await client.GetResponseAsync("用一句话介绍你自己。");
                var elapsed = TimeProvider.System.GetElapsedTime(started);
                table.AddRow(
                    Markup.Escape(provider),
                    Markup.Escape(response.ModelId ?? "?"),
                    Markup.Escape(response.Text),
                    Count(response.Usage?.InputTokenCount),
                    Count(response.Usage?.CachedInputTokenCount),
                    Count(response.Usage?.OutputTokenCount),
                    ((int)elapsed.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (ChineseLlmException ex)
            {
                table.AddRow(Markup.Escape(provider), "-", $"[red]{Markup.Escape(ex.Kind.ToString())}: {Markup.Escape(ex.ProviderMessage ?? string.Empty)}[/]", "-", "-", "-", "-");
            }
        }

        AnsiConsole.Write(table);
    }

    /// <summary>2. A streamed answer, written as the deltas arrive, reasoning first.</summary>
    public static async Task StreamAsync(IServiceProvider services, string provider)
    {
        AnsiConsole.Write(new Rule($"[yellow]2. 流式输出 (streaming from {Markup.Escape(provider)})[/]").LeftJustified());
        var client = services.GetRequiredKeyedService<IChatClient>(provider);
        var updates = new List<ChatResponseUpdate>();
        var inReasoning = false;
        await foreach (var update in client.GetStreamingResponseAsync("写一首关于月亮的短诗。"))
        {
            updates.Add(update);
            foreach (var content in update.Contents)
            {
                if (content is TextReasoningContent reasoning && reasoning.Text.Length > 0)
                {
                    if (!inReasoning)
                    {
                        AnsiConsole.Markup("[grey]（思考）[/]");
                        inReasoning = true;
                    }

                    AnsiConsole.Markup($"[grey]{Markup.Escape(reasoning.Text)}[/]");
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
        AnsiConsole.MarkupLine($"[grey]{Markup.Escape(response.ModelId ?? "?")}: {Count(response.Usage?.InputTokenCount)} in / {Count(response.Usage?.OutputTokenCount)} out (reasoning {Count(response.Usage?.ReasoningTokenCount)})[/]");
    }

    /// <summary>3. A tool call: the model asks for the weather, a local function answers, the model replies.</summary>
    public static async Task ToolCallAsync(IServiceProvider services, string provider)
    {
        AnsiConsole.Write(new Rule($"[yellow]3. 工具调用 (tool call on {Markup.Escape(provider)})[/]").LeftJustified());
        var weather = AIFunctionFactory.Create(
            (string city) =>
            {
                AnsiConsole.MarkupLine($"  [blue]→ get_weather(city: {Markup.Escape(city)})[/] called by the model");
                return $"{city}：晴，25°C";
            },
            "get_weather",
            "查询城市今天的天气");

        using var client = new ChatClientBuilder(services.GetRequiredKeyedService<IChatClient>(provider))
            .UseFunctionInvocation()
            .Build();
        var response = await client.GetResponseAsync("北京今天天气怎么样？", new ChatOptions { Tools = [weather] });
        AnsiConsole.MarkupLine($"  [green]{Markup.Escape(response.Text)}[/]");
    }

    /// <summary>4. Failover: the first vendor fails with a transient error, the next one answers.</summary>
    public static async Task FailoverAsync(IServiceProvider services, IReadOnlyList<string> order, Action? breakFirst)
    {
        AnsiConsole.Write(new Rule("[yellow]4. 故障转移 (failover when a vendor fails)[/]").LeftJustified());
        breakFirst?.Invoke();
        foreach (var provider in order)
        {
            try
            {
                var response = await services.GetRequiredKeyedService<IChatClient>(provider).GetResponseAsync("用一句话介绍你自己。");
                AnsiConsole.MarkupLine($"  [green]{Markup.Escape(provider)} answered[/]: {Markup.Escape(response.Text)}");
                return;
            }
            catch (ChineseLlmException ex) when (ex.IsTransient)
            {
                AnsiConsole.MarkupLine($"  [red]{Markup.Escape(provider)} failed[/]: {Markup.Escape(ex.Kind.ToString())} (HTTP {ex.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}, transient) → trying the next provider");
            }
        }

        AnsiConsole.MarkupLine("  [red]every provider failed[/]");
    }

    private static string Count(long? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-";
}
