using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace ChineseLlm.Client.Samples;

/// <summary>The README's demo: with no keys in the environment it must run offline on the simulator and finish by itself.</summary>
public sealed class ConsoleSampleTests
{
    /// <summary>Credentials the sample would pick up; removed so the run is offline whatever the machine has.</summary>
    private static readonly string[] KeyVariables =
    [
        "DEEPSEEK_API_KEY", "MOONSHOT_API_KEY", "KIMI_API_KEY", "DASHSCOPE_API_KEY", "QIANFAN_API_KEY", "ARK_API_KEY",
        "HUNYUAN_API_KEY", "TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY",
    ];

    [Fact]
    public async Task Run_WithoutKeys_RunsOfflineShowsEveryStepAndExits()
    {
        var (exitCode, output) = await RunSampleAsync(TimeSpan.FromMinutes(2));

        Assert.True(exitCode == 0, $"the sample exited with {exitCode}:\n{output}");
        Assert.Contains("Offline", output, StringComparison.Ordinal);
        Assert.Contains("Cost (CNY)", output, StringComparison.Ordinal);     // 1. routed chat per tier, priced
        Assert.Contains("deepseek", output, StringComparison.Ordinal);       // 2. each provider
        Assert.Contains("床前明月光", output, StringComparison.Ordinal);      // 3. the streamed poem
        Assert.Contains("get_weather(city: 北京)", output, StringComparison.Ordinal); // 4. the tool call ran locally
        Assert.Contains("failed: ServerError", output, StringComparison.Ordinal);    // 5. the broken vendor ...
        Assert.Contains("answered in", output, StringComparison.Ordinal);            //    ... and the one that answered
        Assert.Contains("nothing left this machine", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunSampleAsync(TimeSpan timeout)
    {
        var configuration = typeof(ConsoleSampleTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var dll = Path.Combine(RepositoryRoot(), "samples", "ChineseLlm.Samples.Console", "bin", configuration, "net10.0", "ChineseLlm.Samples.Console.dll");
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
