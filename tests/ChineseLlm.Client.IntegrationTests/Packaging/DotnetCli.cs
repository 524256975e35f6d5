using System.Diagnostics;
using System.Text;

namespace ChineseLlm.Client.Packaging;

/// <summary>Runs the <c>dotnet</c> CLI in a child process with a clean MSBuild environment and a time limit.</summary>
public static class DotnetCli
{
    public sealed record Result(int ExitCode, string Output)
    {
        public void AssertSucceeded(string what) =>
            Assert.True(ExitCode == 0, $"{what} failed with exit code {ExitCode}:\n{Output}");
    }

    /// <summary>Gets the <c>dotnet</c> host that runs the tests.</summary>
    public static string Host => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public static Task<Result> RunAsync(string workingDirectory, TimeSpan timeout, params string[] arguments) =>
        RunProgramAsync(Host, workingDirectory, timeout, null, arguments);

    /// <summary>Runs <paramref name="program"/> (e.g. an installed tool); <paramref name="unset"/> names variables removed from its environment.</summary>
    public static async Task<Result> RunProgramAsync(string program, string workingDirectory, TimeSpan timeout, IReadOnlyCollection<string>? unset, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host runs under `dotnet test`, whose MSBuild variables would steer the child build.
        foreach (var name in start.Environment.Keys.ToList())
        {
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(name);
            }
        }

        foreach (var name in unset ?? [])
        {
            start.Environment.Remove(name);
        }

        // An installed tool's apphost finds the runtime of the SDK that runs the tests.
        if (Path.IsPathRooted(Host) && !start.Environment.ContainsKey("DOTNET_ROOT"))
        {
            start.Environment["DOTNET_ROOT"] = Path.GetDirectoryName(Host);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";

        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.StandardInput.Close();
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
            lock (output)
            {
                return new Result(-1, $"`{Path.GetFileName(program)} {string.Join(' ', arguments)}` did not finish within {timeout}:\n{output}");
            }
        }

        process.WaitForExit(); // drains the redirected streams
        lock (output)
        {
            return new Result(process.ExitCode, output.ToString());
        }
    }
}
