using System.Diagnostics;
using System.Reflection;
using System.Text;

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

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(dll);
        foreach (var name in start.Environment.Keys.ToList())
        {
            if (KeyVariables.Contains(name, StringComparer.OrdinalIgnoreCase) || name.StartsWith("ChineseLlm__", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.StandardInput.Close(); // it must never wait for input
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (-1, $"the sample did not finish within {timeout}:\n{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
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
