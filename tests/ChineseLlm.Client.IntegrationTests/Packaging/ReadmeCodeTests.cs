using System.Text;
using System.Xml.Linq;

namespace ChineseLlm.Client.Packaging;

/// <summary>
/// Integration: every C# block of README.md compiles against the packed packages (installed from the local feed, as a
/// reader installs them), and the blocks marked <c>readme-test: run</c> run offline as console apps of their own, with
/// only the packages they name. See <see cref="ReadmeCode"/> for the conventions.
/// </summary>
[Trait("Category", "Integration")]
[Collection(PackagingTestGroup.Name)]
public sealed class ReadmeCodeTests(PackedPackagesFixture packages)
{
    private static readonly TimeSpan s_buildTimeout = TimeSpan.FromMinutes(6);

    [Fact]
    public void Readme_HasCSharpBlocks_AndMarksOfflineOnesToRun()
    {
        var blocks = ReadmeCode.Parse(ReadReadme());

        Assert.True(blocks.Count >= 10, $"only {blocks.Count} C# blocks were found in README.md");
        Assert.Contains(blocks, b => b.Runs && b.Code.Contains("new HttpClient(simulator)", StringComparison.Ordinal)); // the offline quick start
        Assert.All(blocks.Where(b => b.Runs), b => Assert.Contains("ChineseLlm.Client", b.Packages));
    }

    [Fact]
    public async Task ReadmeCSharpBlocks_CompileAgainstThePackedPackages()
    {
        var blocks = ReadmeCode.Parse(ReadReadme());
        var project = Path.Combine(packages.WorkDirectory, "readme-blocks");
        Directory.CreateDirectory(project);
        await packages.WriteNuGetConfigAsync(project);
        var named = blocks.SelectMany(b => b.Packages).Append("ChineseLlm.Client").Distinct(StringComparer.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(project, "ReadmeBlocks.csproj"), Project("Microsoft.NET.Sdk.Web", named));
        await File.WriteAllTextAsync(Path.Combine(project, "Program.cs"), "// Each README block is a method in ReadmeBlock<N>.cs; nothing runs here.\nreturn 0;\n");
        foreach (var block in blocks)
        {
            await File.WriteAllTextAsync(Path.Combine(project, $"ReadmeBlock{block.Index}.cs"), block.AsMethodFile());
        }

        var build = await DotnetCli.RunAsync(project, s_buildTimeout, "build", "-c", "Release", "--disable-build-servers", "-nodeReuse:false");

        build.AssertSucceeded($"compiling the {blocks.Count} C# blocks of README.md (ReadmeBlock<N>.cs names the README line)");
    }

    [Fact]
    public async Task ReadmeOfflineBlocks_RunAsPastedIntoANewConsoleApp()
    {
        var failures = new StringBuilder();
        foreach (var block in ReadmeCode.Parse(ReadReadme()).Where(b => b.Runs))
        {
            var project = Path.Combine(packages.WorkDirectory, $"readme-run-{block.Index}");
            Directory.CreateDirectory(project);
            await packages.WriteNuGetConfigAsync(project);
            await File.WriteAllTextAsync(Path.Combine(project, "ReadmeRun.csproj"), Project("Microsoft.NET.Sdk", block.Packages));
            await File.WriteAllTextAsync(Path.Combine(project, "Program.cs"), block.Code);

            var run = await DotnetCli.RunAsync(project, s_buildTimeout, "run", "-c", "Release", "--disable-build-servers");

            if (run.ExitCode != 0 || run.Output.Contains("Exception", StringComparison.Ordinal))
            {
                failures.AppendLine($"README.md line {block.Line} (block {block.Index}) exited with {run.ExitCode}:\n{run.Output}");
            }
        }

        Assert.True(failures.Length == 0, failures.ToString());
    }

    private string ReadReadme() => File.ReadAllText(Path.Combine(packages.RepositoryRoot, "README.md"));

    /// <summary>A project as a reader's: default SDK settings (warnings are not errors), the packages by name.</summary>
    private string Project(string sdk, IEnumerable<string> names)
    {
        var versions = XDocument.Load(Path.Combine(packages.RepositoryRoot, "Directory.Packages.props"))
            .Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!, StringComparer.OrdinalIgnoreCase);
        var references = new StringBuilder();
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            var version = PackedPackagesFixture.PackageIds.Contains(name)
                ? packages.Version
                : versions.TryGetValue(name, out var pinned) ? pinned : throw new InvalidOperationException($"README names package {name}, which Directory.Packages.props does not pin");
            references.AppendLine($"""    <PackageReference Include="{name}" Version="{version}" />""");
        }

        return $"""
            <Project Sdk="{sdk}">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                <InvariantGlobalization>false</InvariantGlobalization>
              </PropertyGroup>
              <ItemGroup>
            {references}  </ItemGroup>
            </Project>
            """;
    }
}
