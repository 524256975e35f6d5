namespace ChineseLlm.Client.Packaging;

/// <summary>
/// Packing and building an app keep both CPU cores busy for a while: the packaging tests run alone, after the parallel
/// ones, so timing-sensitive tests (faults, timeouts) never share the machine with them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PackagingTestGroup
{
    public const string Name = "Packaging (runs alone)";
}
