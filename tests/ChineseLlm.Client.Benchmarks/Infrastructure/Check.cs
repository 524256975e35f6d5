namespace ChineseLlm.Client.Benchmarks.Infrastructure;

/// <summary>Setup checks: a benchmark that measures a client returning the wrong answer measures nothing.</summary>
public static class Check
{
    /// <summary>Throws when <paramref name="actual"/> differs from <paramref name="expected"/>.</summary>
    public static void Equal<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            throw new InvalidOperationException($"{what}: expected {expected}, got {actual}.");
        }
    }
}
