using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChineseLlm.Client.Cli;

/// <summary>
/// <c>chinesellm catalog check</c>: runs the library's <c>chinesellm-catalog</c> health check (AddChineseLlmCatalogCheck)
/// against the vendors whose keys are set — each vendor's own model list compared with its routable catalog rows.
/// Exit 0 when healthy, 1 when degraded. Offline (no keys) there is no vendor to ask: it says so and exits 0.
/// </summary>
internal static class CatalogCommand
{
    public static Command Create(CliContext context)
    {
        var json = CliApp.JsonOption();
        var catalog = CliApp.CatalogOption();
        var check = new Command("check", "Compare the catalog with the vendors' own model lists (the chinesellm-catalog health check) for the providers whose keys are set. Exit 0 healthy, 1 degraded.")
        {
            json, catalog,
        };
        check.SetAction(async (parse, cancellationToken) =>
        {
            await using var session = await CliSession.StartAsync(context, parse.GetValue(catalog), cancellationToken, services => services.AddHealthChecks().AddChineseLlmCatalogCheck());
            if (session is null)
            {
                return 2;
            }

            context.Error.WriteLine(session.ModeLine);
            var asJson = parse.GetValue(json);
            if (!session.Online)
            {
                const string Nothing = "No vendor keys are set, so there is no vendor to check the catalog against (the simulator is not a vendor).";
                if (asJson)
                {
                    CliJson.Write(context.Output, w =>
                    {
                        w.WriteStartObject();
                        w.WriteString("status", "NotChecked");
                        w.WriteString("description", Nothing);
                        w.WriteEndObject();
                    });
                }
                else
                {
                    context.Output.WriteLine(Nothing);
                }

                return 0;
            }

            HealthReport report;
            using (Progress.Start(context.Error, $"Listing the models of {string.Join(", ", session.Router.Providers)}…", context.Interactive))
            {
                report = await session.Services.GetRequiredService<HealthCheckService>()
                    .CheckHealthAsync(r => r.Name == "chinesellm-catalog", cancellationToken);
            }

            var entry = report.Entries["chinesellm-catalog"];
            if (asJson)
            {
                CliJson.Write(context.Output, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("status", entry.Status.ToString());
                    w.WriteString("description", entry.Description);
                    w.WriteStartObject("providers");
                    foreach (var (provider, value) in entry.Data)
                    {
                        w.WriteString(provider, value?.ToString());
                    }

                    w.WriteEndObject();
                    w.WriteEndObject();
                });
            }
            else
            {
                context.Output.WriteLine($"chinesellm-catalog: {entry.Status}. {entry.Description}");
                var table = new TextTable("PROVIDER", "RESULT");
                foreach (var (provider, value) in entry.Data)
                {
                    table.Add(provider, value?.ToString() ?? string.Empty);
                }

                table.Write(context.Output);
            }

            return entry.Status == HealthStatus.Healthy ? 0 : 1;
        });
        return new Command("catalog", "The model catalog against the vendors.") { check };
    }
}
