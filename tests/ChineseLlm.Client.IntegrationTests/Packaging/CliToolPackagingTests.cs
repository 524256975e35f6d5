using System.Text.Json;

namespace ChineseLlm.Client.Packaging;

/// <summary>
/// Integration: the <c>chinesellm</c> tool installs from the local feed with <c>dotnet tool install</c> (as a user
/// installs it from nuget.org) and its commands run offline, with no key in the environment.
/// </summary>
[Trait("Category", "Integration")]
[Collection(PackagingTestGroup.Name)]
public sealed class CliToolPackagingTests(PackedPackagesFixture packages)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(4);

    /// <summary>Credentials the tool would pick up; removed so it runs offline whatever the machine has.</summary>
    private static readonly string[] s_keys =
    [
        "DEEPSEEK_API_KEY", "MOONSHOT_API_KEY", "KIMI_API_KEY", "DASHSCOPE_API_KEY", "QIANFAN_API_KEY", "ARK_API_KEY",
        "HUNYUAN_API_KEY", "TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY",
    ];

    [Fact]
    public async Task Tool_InstalledFromTheLocalFeed_RunsModelsRouteAndAskOffline()
    {
        var directory = Path.Combine(packages.WorkDirectory, "tool");
        Directory.CreateDirectory(directory);
        await packages.WriteNuGetConfigAsync(directory);
        var toolPath = Path.Combine(directory, "bin");

        var install = await DotnetCli.RunAsync(directory, s_timeout,
            "tool", "install", "ChineseLlm.Client.Cli", "--version", packages.Version, "--tool-path", toolPath,
            "--configfile", Path.Combine(directory, "nuget.config"));
        install.AssertSucceeded("dotnet tool install ChineseLlm.Client.Cli from the local feed");
        var chinesellm = Path.Combine(toolPath, OperatingSystem.IsWindows() ? "chinesellm.exe" : "chinesellm");
        Assert.True(File.Exists(chinesellm), $"the tool command was not installed as {chinesellm}:\n{install.Output}");
        var unset = s_keys.Concat(Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(k => k.StartsWith("ChineseLlm__", StringComparison.OrdinalIgnoreCase))).ToList();

        var help = await DotnetCli.RunProgramAsync(chinesellm, directory, s_timeout, unset, "--help");
        help.AssertSucceeded("chinesellm --help");
        Assert.Contains("route", help.Output, StringComparison.Ordinal);

        var models = await DotnetCli.RunProgramAsync(chinesellm, directory, s_timeout, unset, "models", "--provider", "deepseek", "--json");
        models.AssertSucceeded("chinesellm models");
        Assert.Contains("\"deepseek-flash\"", models.Output, StringComparison.Ordinal);

        var route = await DotnetCli.RunProgramAsync(chinesellm, directory, s_timeout, unset, "route", "你好", "--tier", "Standard", "--at", "2026-11-23T10:00:00+08:00");
        route.AssertSucceeded("chinesellm route");
        Assert.Contains("Would call ", route.Output, StringComparison.Ordinal);

        var ask = await DotnetCli.RunProgramAsync(chinesellm, directory, s_timeout, unset, "ask", "用一句话介绍你自己", "--json");
        ask.AssertSucceeded("chinesellm ask");
        Assert.Contains("Offline", ask.Output, StringComparison.Ordinal); // the mode line (stderr, merged here)
        var json = ask.Output[ask.Output.IndexOf('{', StringComparison.Ordinal)..];
        using var answer = JsonDocument.Parse(json);
        Assert.Contains("（模拟）", answer.RootElement.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.True(answer.RootElement.GetProperty("cost").GetDecimal() > 0m, ask.Output);
    }
}
