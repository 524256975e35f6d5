namespace ChineseLlm.Client.Catalog;

/// <summary>What one load of a catalog source came to.</summary>
internal enum CatalogAttemptOutcome
{
    /// <summary>The document was checked and is now in force.</summary>
    Applied,

    /// <summary>The server answered <c>304 Not Modified</c>: the catalog in force stays.</summary>
    NotModified,

    /// <summary>The file or document could not be read, parsed or checked: the last good catalog stays in force.</summary>
    Rejected,
}

/// <summary>One load of a catalog source (raised by <see cref="CatalogSource.Attempted"/> for every file change and every fetch).</summary>
/// <param name="Origin">Where the document came from (as shown in logs).</param>
/// <param name="Outcome">What came of it.</param>
/// <param name="Problem">Why it was rejected; <see langword="null"/> otherwise.</param>
internal sealed record CatalogAttempt(string Origin, CatalogAttemptOutcome Outcome, string? Problem);
