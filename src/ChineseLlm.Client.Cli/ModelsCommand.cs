using System.CommandLine;
using System.Globalization;

namespace ChineseLlm.Client.Cli;

/// <summary>
/// <c>chinesellm models [--provider P] [--tier T]</c>: the catalog in force as a table — tier, prices, bands, source,
/// checked-on date, quality evidence, and whether the router may choose the model (or why not).
/// </summary>
internal static class ModelsCommand
{
    private static readonly TimeZoneInfo s_beijing = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static Command Create(CliContext context)
    {
        var provider = new Option<string?>("--provider") { Description = "Only this provider's models (deepseek, kimi, qwen, …)." };
        var tier = CliApp.TierOption("Only models of this tier");
        var json = CliApp.JsonOption();
        var catalog = CliApp.CatalogOption();
        var command = new Command("models", "The model catalog in force: tier, CNY prices per million tokens, price bands, source, checked-on date, quality evidence, routable or why not.")
        {
            provider, tier, json, catalog,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var session = await CliSession.StartAsync(context, parse.GetValue(catalog), cancellationToken);
            if (session is null)
            {
                return 2;
            }

            context.Error.WriteLine(session.ModeLine);
            var rows = Rows(session, parse.GetValue(provider), parse.GetValue(tier));
            if (parse.GetValue(json))
            {
                WriteJson(context.Output, session, rows);
            }
            else
            {
                WriteTable(context.Output, session, rows);
            }

            return 0;
        });
        return command;
    }

    internal sealed record Row(ModelCard Card, bool Configured, string? NotRoutable);

    private static List<Row> Rows(CliSession session, string? provider, ModelTier? tier)
    {
        var router = session.Router;
        var configured = new HashSet<string>(router.Providers, StringComparer.OrdinalIgnoreCase);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), s_beijing).DateTime);

        // The configured providers' rows as the router prices them (the catalog in force, with ChineseLlm:Models).
        return router.Models
            .Where(c => provider is null || string.Equals(c.Provider, provider, StringComparison.OrdinalIgnoreCase))
            .Where(c => tier is null || c.Tier == tier)
            .OrderBy(c => c.Provider, StringComparer.Ordinal).ThenBy(c => c.Tier).ThenBy(c => c.Id, StringComparer.Ordinal)
            .Select(c =>
            {
                var isConfigured = c.Provider is not null && configured.Contains(c.Provider);
                string? why = c switch
                {
                    _ when !isConfigured => "provider not configured (no key)",
                    { Retired: { } retired } when retired <= today => $"retired {retired:yyyy-MM-dd}" + (c.ReplacedBy is { } next ? $", use {next}" : string.Empty),
                    { Tier: null } => "no tier",
                    { IsRoutable: false } => "price unknown (can be pinned with --model)",
                    _ => null,
                };
                return new Row(c, isConfigured, why);
            })
            .ToList();
    }

    private static void WriteTable(TextWriter output, CliSession session, List<Row> rows)
    {
        output.WriteLine($"Catalog of {session.Router.CatalogDate:yyyy-MM-dd} ({session.Router.CatalogOrigin}); prices in CNY per million tokens (input / cached input / output).");
        var table = new TextTable("PROVIDER", "MODEL", "TIER", "PRICES", "BANDS", "SOURCE", "CHECKED", "QUALITY", "ROUTABLE");
        foreach (var row in rows)
        {
            var c = row.Card;
            table.Add(
                c.Provider ?? "?",
                c.Id ?? "?",
                c.Tier?.ToString() ?? "-",
                Prices(c.InputPerMillion, c.CachedInputPerMillion, c.OutputPerMillion),
                Bands(c),
                $"{c.Confidence ?? "?"} {c.EffectiveDate:yyyy-MM-dd}".Trim(),
                c.CheckedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-",
                c.Quality?.ToString() ?? "-",
                row.NotRoutable is null ? "yes" : "no: " + row.NotRoutable);
        }

        table.Write(output);
        output.WriteLine($"{rows.Count} models; {rows.Count(r => r.NotRoutable is null)} routable.");
    }

    private static void WriteJson(TextWriter output, CliSession session, List<Row> rows) => CliJson.Write(output, w =>
    {
        w.WriteStartObject();
        w.WriteString("catalog_date", session.Router.CatalogDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteString("catalog_origin", session.Router.CatalogOrigin);
        w.WriteBoolean("online", session.Online);
        w.WriteStartArray("models");
        foreach (var row in rows)
        {
            var c = row.Card;
            w.WriteStartObject();
            w.WriteString("provider", c.Provider);
            w.WriteString("id", c.Id);
            w.WriteString("tier", c.Tier?.ToString());
            w.Number("input_per_million", c.InputPerMillion);
            w.Number("cached_input_per_million", c.CachedInputPerMillion);
            w.Number("output_per_million", c.OutputPerMillion);
            w.WriteStartArray("bands");
            foreach (var band in c.Bands)
            {
                w.WriteStartObject();
                w.WriteNumber("max_input_tokens", band.MaxInputTokens);
                w.Number("max_output_tokens", band.MaxOutputTokens);
                w.Number("input_per_million", band.InputPerMillion);
                w.Number("cached_input_per_million", band.CachedInputPerMillion);
                w.Number("output_per_million", band.OutputPerMillion);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("source", c.Source);
            w.WriteString("confidence", c.Confidence);
            w.WriteString("effective_date", c.EffectiveDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteString("checked_on", c.CheckedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            if (c.Quality is { } quality)
            {
                w.WriteStartObject("quality");
                w.WriteString("index", quality.Index);
                w.Number("score", quality.Score);
                w.WriteString("as_of", quality.AsOf?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("quality");
            }

            w.WriteString("retired", c.Retired?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteBoolean("configured", row.Configured);
            w.WriteBoolean("routable", row.NotRoutable is null);
            w.WriteString("not_routable_because", row.NotRoutable);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static string Prices(decimal? input, decimal? cached, decimal? output) =>
        input is null && output is null ? "unknown" : $"{TextTable.Money(input)} / {TextTable.Money(cached)} / {TextTable.Money(output)}";

    private static string Bands(ModelCard card)
    {
        var parts = card.Bands.Select(b => $"≤{b.MaxInputTokens / 1000}k: {Prices(b.InputPerMillion, b.CachedInputPerMillion, b.OutputPerMillion)}").ToList();
        parts.AddRange(card.TimeWindows.Select(w => $"×{w.Multiplier?.ToString(CultureInfo.InvariantCulture)} {string.Join('/', w.Days)} {w.Start}–{w.End}"));
        return parts.Count == 0 ? "-" : string.Join("; ", parts);
    }
}
