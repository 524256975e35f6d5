using System.IO.Compression;
using System.Reflection.Metadata;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using ChineseLlm.Client.Conformance;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChineseLlm.Client.Packaging;

/// <summary>
/// Integration: `dotnet pack` the library and the simulator, check what the packages hold, then build and run a new
/// console app that installs them from a local feed (dependencies from nuget.org). Needs the .NET SDK and NuGet.
/// </summary>
[Trait("Category", "Integration")]
[Collection(PackagingTestGroup.Name)]
public sealed class PackageInstallIntegrationTests(PackedPackagesFixture packages)
{
    private static readonly TimeSpan s_runTimeout = TimeSpan.FromMinutes(4);

    /// <summary>The Source Link custom debug information kind in a portable PDB.</summary>
    private static readonly Guid s_sourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    [Fact]
    public void Pack_ClientPackage_HoldsAssemblyXmlDocsReadmeLicenseAndRepository()
    {
        using var package = ZipFile.OpenRead(packages.PackagePath("ChineseLlm.Client"));
        var entries = package.Entries.Select(e => e.FullName).ToHashSet();
        Assert.Contains("lib/net10.0/ChineseLlm.Client.dll", entries);
        Assert.Contains("lib/net10.0/ChineseLlm.Client.xml", entries);
        Assert.Contains("README.md", entries);

        var nuspec = ReadNuspec(package, "ChineseLlm.Client.nuspec");
        Assert.Equal("ChineseLlm.Client", Metadata(nuspec, "id"));
        Assert.Equal(packages.Version, Metadata(nuspec, "version"));
        Assert.Equal("README.md", Metadata(nuspec, "readme"));
        var license = Element(nuspec, "license");
        Assert.Equal("expression", license.Attribute("type")?.Value);
        Assert.Equal("MIT", license.Value);
        var repository = Element(nuspec, "repository");
        Assert.Equal("git", repository.Attribute("type")?.Value);
        Assert.StartsWith("https://github.com/", repository.Attribute("url")?.Value, StringComparison.Ordinal);
        if (Directory.Exists(Path.Combine(packages.RepositoryRoot, ".git")) || File.Exists(Path.Combine(packages.RepositoryRoot, ".git")))
        {
            Assert.Matches("^[0-9a-f]{40}$", repository.Attribute("commit")?.Value ?? string.Empty);
        }
        Assert.False(string.IsNullOrWhiteSpace(Metadata(nuspec, "description")));
        var dependencies = Dependencies(nuspec);
        Assert.Contains("Microsoft.Extensions.AI.Abstractions", dependencies);
        Assert.DoesNotContain(dependencies, d => d.StartsWith("Microsoft.SourceLink", StringComparison.Ordinal) || d.Contains("Analyzers", StringComparison.Ordinal));

        var docs = ReadText(package, "lib/net10.0/ChineseLlm.Client.xml");
        Assert.Contains("T:ChineseLlm.Client.DeepSeekChatClient", docs, StringComparison.Ordinal);
        Assert.Contains("ChineseLlm.Client", ReadText(package, "README.md"), StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_ClientSymbolPackage_HoldsPortablePdbWithSourceLinkToTheRepository()
    {
        using var symbols = ZipFile.OpenRead(packages.SymbolPackagePath("ChineseLlm.Client"));
        var pdb = Assert.Single(symbols.Entries, e => e.FullName == "lib/net10.0/ChineseLlm.Client.pdb");
        using var pdbStream = new MemoryStream();
        using (var source = pdb.Open())
        {
            source.CopyTo(pdbStream);
        }

        pdbStream.Position = 0;
        using var provider = MetadataReaderProvider.FromPortablePdbStream(pdbStream);
        var reader = provider.GetMetadataReader();
        string? sourceLink = null;
        foreach (var handle in reader.CustomDebugInformation)
        {
            var info = reader.GetCustomDebugInformation(handle);
            if (reader.GetGuid(info.Kind) == s_sourceLinkKind)
            {
                sourceLink = Encoding.UTF8.GetString(reader.GetBlobBytes(info.Value));
            }
        }

        Assert.NotNull(sourceLink);
        using var json = JsonDocument.Parse(sourceLink);
        var mapped = json.RootElement.GetProperty("documents").EnumerateObject().Select(p => p.Value.GetString()).ToList();
        Assert.NotEmpty(mapped);
        Assert.All(mapped, url => Assert.StartsWith("https://raw.githubusercontent.com/", url, StringComparison.Ordinal));
    }

    [Fact]
    public void Pack_TestingPackage_DependsOnTheClientPackageOfTheSameVersion()
    {
        using var package = ZipFile.OpenRead(packages.PackagePath("ChineseLlm.Client.Testing"));
        Assert.Contains(package.Entries, e => e.FullName == "lib/net10.0/ChineseLlm.Client.Testing.dll");
        Assert.Contains(package.Entries, e => e.FullName == "lib/net10.0/ChineseLlm.Client.Testing.xml");
        Assert.Contains(package.Entries, e => e.FullName == "README.md");
        var nuspec = ReadNuspec(package, "ChineseLlm.Client.Testing.nuspec");
        Assert.Equal("MIT", Element(nuspec, "license").Value);
        var client = Assert.Single(nuspec.Descendants(), e => e.Name.LocalName == "dependency" && e.Attribute("id")?.Value == "ChineseLlm.Client");
        Assert.Equal(packages.Version, client.Attribute("version")?.Value);
        Assert.True(File.Exists(packages.SymbolPackagePath("ChineseLlm.Client.Testing")), "the simulator ships a symbol package too");
    }

    [Fact]
    public async Task NewApp_ReferencingThePackagesFromALocalFeed_RestoresBuildsAndRuns()
    {
        using var server = WireMockServer.Start();
        server.Given(Request.Create().UsingPost().WithPath("/chat/completions")).RespondWith(Response.Create()
            .WithStatusCode(200)
            .WithHeader("Content-Type", "application/json")
            .WithBody(Payload.Read("deepseek", "chat-plain.json")));
        var app = Path.Combine(packages.WorkDirectory, "app");
        Directory.CreateDirectory(app);
        await packages.WriteNuGetConfigAsync(app);
        await File.WriteAllTextAsync(Path.Combine(app, "PackageConsumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ChineseLlm.Client" Version="{packages.Version}" />
                <PackageReference Include="ChineseLlm.Client.Testing" Version="{packages.Version}" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), """
            using ChineseLlm.Client;
            using ChineseLlm.Client.Testing;
            using Microsoft.Extensions.AI;

            Console.OutputEncoding = System.Text.Encoding.UTF8;

            // 1. A provider client over real HTTP, pointed at the test's server.
            using (IChatClient deepseek = new DeepSeekChatClient(new DeepSeekOptions { ApiKey = "sk-package-test", Endpoint = new Uri(args[0]) }))
            {
                ChatResponse response = await deepseek.GetResponseAsync("写一个加法程序");
                Console.WriteLine($"deepseek model: {response.ModelId}");
                Console.WriteLine($"deepseek tokens: {response.Usage?.InputTokenCount} in, {response.Usage?.OutputTokenCount} out");
                Console.WriteLine($"deepseek answer ends: {response.Text.Split('\n')[^1]}");
            }

            // 2. The same library offline, on the simulator package.
            var simulator = new ProviderSimulatorHandler().SetReply(SimulatedReply.FromText("来自模拟器的回答"));
            using var http = new HttpClient(simulator);
            using IChatClient kimi = new KimiChatClient(new KimiOptions { ApiKey = "sk-package-test" }, http);
            var streamed = "";
            await foreach (var update in kimi.GetStreamingResponseAsync("你好"))
            {
                streamed += update.Text;
            }

            Console.WriteLine($"simulator answer: {streamed}");
            """);

        var run = await DotnetCli.RunAsync(app, s_runTimeout, "run", "-c", "Release", "--disable-build-servers", "--", server.Url!);

        run.AssertSucceeded("restoring, building and running the app that installs the packages");
        Assert.Contains("deepseek model: deepseek-chat", run.Output, StringComparison.Ordinal);
        Assert.Contains("deepseek tokens: 324 in, 58 out", run.Output, StringComparison.Ordinal);
        Assert.Contains("deepseek answer ends: 程序功能：输入两个整数，输出它们的和。", run.Output, StringComparison.Ordinal);
        Assert.Contains("simulator answer: 来自模拟器的回答", run.Output, StringComparison.Ordinal);
        var assets = await File.ReadAllTextAsync(Path.Combine(app, "obj", "project.assets.json"));
        Assert.Contains($"ChineseLlm.Client/{packages.Version}", assets, StringComparison.Ordinal);
    }

    private static XDocument ReadNuspec(ZipArchive package, string name) => XDocument.Parse(ReadText(package, name));

    private static string ReadText(ZipArchive package, string name)
    {
        using var reader = new StreamReader(package.GetEntry(name)!.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static XElement Element(XDocument nuspec, string name) =>
        nuspec.Descendants().Single(e => e.Name.LocalName == name && e.Parent?.Name.LocalName == "metadata");

    private static string Metadata(XDocument nuspec, string name) => Element(nuspec, name).Value;

    private static List<string> Dependencies(XDocument nuspec) =>
        nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value).ToList();
}
