using System.CommandLine;

namespace ChineseLlm.Client.Cli;

/// <summary>
/// The <c>chinesellm</c> command line (System.CommandLine): <c>models</c>, <c>route</c>, <c>ask</c> and <c>catalog check</c>. Every command
/// takes <c>--json</c> for scripts and <c>--help</c>; results go to standard output, progress and the mode line to
/// standard error.
/// </summary>
internal static class CliApp
{
    public static Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter output, TextWriter error, bool interactive, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(configuration, output, error, interactive);
        var root = new RootCommand("chinesellm — China's LLM APIs through ChineseLlm.Client: the catalog in force, the router's decisions, answers with their cost in CNY. Offline on the provider simulator unless keys are set (DEEPSEEK_API_KEY, MOONSHOT_API_KEY, DASHSCOPE_API_KEY, QIANFAN_API_KEY, ARK_API_KEY, HUNYUAN_API_KEY or ChineseLlm__Providers__<Name>__ApiKey).")
        {
            ModelsCommand.Create(context),
            RouteCommand.Create(context),
            AskCommand.Create(context),
            CatalogCommand.Create(context),
        };
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }

    /// <summary>The <c>--json</c> option every command takes.</summary>
    public static Option<bool> JsonOption() => new("--json") { Description = "Write the result as JSON (for scripts) instead of a table." };

    /// <summary>The <c>--catalog</c> option every command takes.</summary>
    public static Option<string?> CatalogOption() => new("--catalog")
    {
        Description = "Use this catalog for the run instead of the embedded one: a JSON file in the embedded catalog's schema, or an http(s) URL of one (read once). ChineseLlm:Models still applies on top.",
        HelpName = "PATH|URL",
    };

    /// <summary>The <c>--tier</c> option.</summary>
    public static Option<ModelTier?> TierOption(string description) => new("--tier") { Description = description + " (Lite, Standard, Advanced, Flagship)." };
}

/// <summary>What every command writes to and reads from.</summary>
internal sealed record CliContext(IConfiguration Configuration, TextWriter Output, TextWriter Error, bool Interactive);
