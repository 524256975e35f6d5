using System.Globalization;

namespace ChineseLlm.Client.Packaging;

/// <summary>
/// Packs ChineseLlm.Client and ChineseLlm.Client.Testing once, with a unique prerelease version, into a temporary local
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

    public async Task InitializeAsync()
    {
        RemoveLeftovers();
        Directory.CreateDirectory(Feed);
        foreach (var project in new[] { "src/ChineseLlm.Client/ChineseLlm.Client.csproj", "src/ChineseLlm.Client.Testing/ChineseLlm.Client.Testing.csproj" })
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
        foreach (var id in new[] { "chinesellm.client", "chinesellm.client.testing" })
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
        foreach (var id in new[] { "chinesellm.client", "chinesellm.client.testing" })
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
