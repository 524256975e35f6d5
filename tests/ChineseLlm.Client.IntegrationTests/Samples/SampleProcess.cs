using System.Diagnostics;
using System.Reflection;

namespace ChineseLlm.Client.Samples;

/// <summary>Runs a built sample with no keys in its environment (so it runs offline whatever the machine has), to its end.</summary>
internal static class SampleProcess
{
    /// <summary>Credentials the samples would pick up; removed from the child's environment.</summary>
    private static readonly string[] KeyVariables =
    [
        "DEEPSEEK_API_KEY", "MOONSHOT_API_KEY", "KIMI_API_KEY", "DASHSCOPE_API_KEY", "QIANFAN_API_KEY", "ARK_API_KEY",
        "HUNYUAN_API_KEY", "TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY",
    ];

    public static async Task<(int ExitCode, string Output)> RunAsync(string sample, TimeSpan timeout)
    {
        var configuration = typeof(SampleProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var dll = Path.Combine(RepositoryRoot(), "samples", sample, "bin", configuration, "net10.0", sample + ".dll");
        Assert.True(File.Exists(dll), $"the sample was not built: {dll}");

        var start = new ProcessStartInfo(Packaging.DotnetCli.Host);
        start.ArgumentList.Add(dll);
        foreach (var name in start.Environment.Keys.ToList())
        {
            if (KeyVariables.Contains(name, StringComparer.OrdinalIgnoreCase) || name.StartsWith("ChineseLlm__", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var (exitCode, output) = await Packaging.DotnetCli.RunToEndAsync(start, timeout);
        return (exitCode, exitCode == -1 ? "the sample " + output : output);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChineseLlm.Client.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (ChineseLlm.Client.sln) was not found above " + AppContext.BaseDirectory);
    }
}
