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
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory };
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

        var (exitCode, output) = await RunToEndAsync(start, timeout);
        return new Result(exitCode, exitCode == -1 ? $"`{Path.GetFileName(program)} {string.Join(' ', arguments)}` {output}" : output);
    }

    /// <summary>
    /// Runs a child process with its input closed and its output collected, to its end or until <paramref name="timeout"/>
    /// (then the process tree is killed and the exit code is -1).
    /// </summary>
    /// <remarks>
    /// The wait is for the process, never for its output pipes: a grandchild that outlives it (the compiler server a
    /// child build starts, an MSBuild node) inherits them and would hold them open for minutes, and
    /// <see cref="Process.WaitForExitAsync(CancellationToken)"/> waits for both pipes to close, so a run that ended would
    /// still hang. The output read so far is taken after a short grace for the last lines.
    /// </remarks>
    public static async Task<(int ExitCode, string Output)> RunToEndAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        start.RedirectStandardOutput = start.RedirectStandardError = start.RedirectStandardInput = true;
        start.UseShellExecute = false;
        start.StandardOutputEncoding = start.StandardErrorEncoding = Encoding.UTF8;
        using var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var output = new StringBuilder();
        var outputClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errorClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => Collect(e.Data, outputClosed);
        process.ErrorDataReceived += (_, e) => Collect(e.Data, errorClosed);
        process.Exited += (_, _) => exited.TrySetResult();
        process.Start();
        process.StandardInput.Close(); // it must never wait for input
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var finished = await Within(exited.Task, timeout);
        if (!finished)
        {
            process.Kill(entireProcessTree: true);
            await exited.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        await Within(Task.WhenAll(outputClosed.Task, errorClosed.Task), TimeSpan.FromSeconds(5));
        lock (output)
        {
            return finished ? (process.ExitCode, output.ToString()) : (-1, $"did not finish within {timeout}:\n{output}");
        }

        static async Task<bool> Within(Task task, TimeSpan limit)
        {
            try
            {
                await task.WaitAsync(limit);
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        }

        void Collect(string? line, TaskCompletionSource closed)
        {
            if (line is null)
            {
                closed.TrySetResult();
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
