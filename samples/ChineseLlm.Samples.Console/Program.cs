// ChineseLlm.Client demo: `dotnet run --project samples/ChineseLlm.Samples.Console`.
// Without keys it runs offline: every provider is answered by ProviderSimulatorHandler in the vendor's own wire format.
// With keys (DEEPSEEK_API_KEY, MOONSHOT_API_KEY, DASHSCOPE_API_KEY, QIANFAN_API_KEY, ARK_API_KEY, HUNYUAN_API_KEY or
// TENCENTCLOUD_SECRET_ID/KEY, or ChineseLlm__Providers__<Name>__ApiKey, or user secrets) it calls the real vendors.
// It never waits for input.
using System.Text;
using ChineseLlm.Client.Testing;
using ChineseLlm.Samples;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

System.Console.OutputEncoding = Encoding.UTF8;

var configuration = VendorKeys.Load();
var online = VendorKeys.HasAny(configuration);
using var simulator = new ProviderSimulatorHandler();

var services = new ServiceCollection();
ChineseLlmBuilder builder;
if (online)
{
    builder = services.AddChineseLlm(configuration);
}
else
{
    OfflineScript.Apply(simulator);
    builder = services.AddChineseLlm(options =>
    {
        options.Providers.DeepSeek.ApiKey = OfflineScript.PlaceholderKey;
        options.Providers.Kimi.ApiKey = OfflineScript.PlaceholderKey;
        options.Providers.Doubao.ApiKey = OfflineScript.PlaceholderKey;
        options.Providers.Hunyuan.ApiKey = OfflineScript.PlaceholderKey;
        options.Providers.Ernie.ApiKey = OfflineScript.PlaceholderKey;
        options.Providers.Qwen.ApiKey = OfflineScript.PlaceholderKey;
        foreach (var settings in new ChineseLlm.Client.ChineseLlmProviderOptions[] { options.Providers.DeepSeek, options.Providers.Kimi, options.Providers.Doubao, options.Providers.Hunyuan, options.Providers.Ernie, options.Providers.Qwen })
        {
            settings.MaxRetryAttempts = 1; // keep the failover demo quick: one retry, then the next candidate
        }
    }).UseProviderSimulator(simulator);
}

await using var provider = services.BuildServiceProvider();
var providers = builder.EnabledProviders;

AnsiConsole.Write(new FigletText("ChineseLlm").Color(Color.Red));
AnsiConsole.MarkupLine(online
    ? $"[green]Online[/]: calling the real vendors with your keys ({Markup.Escape(string.Join(", ", providers))})."
    : "[yellow]Offline[/]: no keys found, so a simulator answers in each vendor's real wire format. Set e.g. [blue]DEEPSEEK_API_KEY[/] to call the real vendors.");
AnsiConsole.WriteLine();

if (providers.Count == 0)
{
    AnsiConsole.MarkupLine("[red]No provider is configured.[/]");
    return 1;
}

var router = provider.GetRequiredService<IChatClient>();
await Demos.RoutedChatPerTierAsync(router);
await Demos.ChatPerProviderAsync(provider, providers);
await Demos.StreamAsync(router);
await Demos.ToolCallAsync(router);
await Demos.FailoverAsync(router, online ? null : vendor => OfflineScript.BreakVendor(simulator, vendor));

if (!online)
{
    AnsiConsole.WriteLine();
    AnsiConsole.MarkupLine($"[grey]{simulator.Requests.Count} requests were answered by the simulator; nothing left this machine.[/]");
}

return 0;
