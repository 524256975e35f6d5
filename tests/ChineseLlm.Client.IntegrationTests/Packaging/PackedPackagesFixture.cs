using System.Globalization;

namespace ChineseLlm.Client.Packaging;

/// <summary>
/// Packs ChineseLlm.Client, ChineseLlm.Client.Testing, ChineseLlm.Client.Redis and the chinesellm tool (ChineseLlm.Client.Cli) once, with a unique prerelease version, into a temporary local
/// feed; removes the feed and the restored copies of that version afterwards.
/// </summary>
public sealed class PackedPackagesFixture : IAsyncLifetime
{
    private static readonly TimeSpan s_packTimeout = TimeSpan.FromMinutes(4);

    public string RepositoryRoot { get; } = FindRepositoryRoot();

    public string WorkDirectory { get; } = Path.Combine(Path.GetTempPath(), "chinesellm-package-test-" + Guid.NewGuid().ToString("N")[..12]);

    public string Feed => Path.Combine(WorkDirectory, "feed");

    /// <summary>Gets the version the packages were packed with: unique, so no NuGet cache ever serves an older build.</summary>
    public string Version { get; } = "0.1.0-packagetest." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "." + Random.Shared.Next(1000, 9999).ToString(CultureInfo.InvariantCulture);

    public string Configuration { get; } =
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    public string PackagePath(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    public string SymbolPackagePath(string id) => Path.Combine(Feed, $"{id}.{Version}.snupkg");

    /// <summary>The packed package ids (the projects' names).</summary>
    public static IReadOnlyList<string> PackageIds { get; } = ["ChineseLlm.Client", "ChineseLlm.Client.Testing", "ChineseLlm.Client.Redis", "ChineseLlm.Client.Cli"];

    private static IEnumerable<string> Projects => PackageIds.Select(id => $"src/{id}/{id}.csproj");

    /// <summary>A nuget.config for an app in <paramref name="directory"/>: the packed ids from the local feed, the rest from nuget.org.</summary>
    public async Task WriteNuGetConfigAsync(string directory)
    {
        var mapped = string.Concat(PackageIds.Select(id => $"\n      <package pattern=\"{id}\" />"));
        await File.WriteAllTextAsync(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local">{mapped}
                </packageSource>
                <packageSource key="nuget.org">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>
            """);
    }

    public async Task InitializeAsync()
    {
        RemoveLeftovers();
        Directory.CreateDirectory(Feed);
        foreach (var project in Projects)
        {
            var result = await DotnetCli.RunAsync(
                RepositoryRoot,
                s_packTimeout,
                "pack", project, "-c", Configuration, "-o", Feed, "-p:PackageVersion=" + Version, "--disable-build-servers", "-nodeReuse:false");
            result.AssertSucceeded("dotnet pack " + project);
        }
    }

    public Task DisposeAsync()
    {
        TryDelete(WorkDirectory);
        foreach (var id in PackageIds.Select(i => i.ToLowerInvariant()))
        {
            var folder = Path.Combine(GlobalPackagesFolder, id);
            TryDelete(Path.Combine(folder, Version));
            if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
            {
                TryDelete(folder);
            }
        }

        return Task.CompletedTask;
    }

    private static string GlobalPackagesFolder => Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } custom
        ? custom
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>Removes what runs that were killed before their clean-up left behind (older than two hours, so never a running test's).</summary>
    private static void RemoveLeftovers()
    {
        var stale = DateTime.UtcNow - TimeSpan.FromHours(2);
        var candidates = new List<DirectoryInfo>();
        candidates.AddRange(new DirectoryInfo(Path.GetTempPath()).EnumerateDirectories("chinesellm-package-test-*"));
        foreach (var id in PackageIds.Select(i => i.ToLowerInvariant()))
        {
            var folder = new DirectoryInfo(Path.Combine(GlobalPackagesFolder, id));
            if (folder.Exists)
            {
                candidates.AddRange(folder.EnumerateDirectories("0.1.0-packagetest.*"));
            }
        }

        foreach (var directory in candidates.Where(d => d.LastWriteTimeUtc < stale))
        {
            TryDelete(directory.FullName);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ChineseLlm.Client.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ChineseLlm.Client.sln was not found above " + AppContext.BaseDirectory);
    }
}
