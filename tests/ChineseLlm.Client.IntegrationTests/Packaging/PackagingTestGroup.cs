namespace ChineseLlm.Client.Packaging;

/// <summary>
/// Packing and building an app keep both CPU cores busy for a while: the packaging tests run alone, after the parallel
/// ones, so timing-sensitive tests (faults, timeouts) never share the machine with them. The packages are packed once
/// for the whole group (<see cref="PackedPackagesFixture"/> is the collection's fixture).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PackagingTestGroup : ICollectionFixture<PackedPackagesFixture>
{
    public const string Name = "Packaging (runs alone)";
}
