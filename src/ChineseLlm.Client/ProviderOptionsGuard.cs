namespace ChineseLlm.Client;

/// <summary>Argument checks for provider options handed to a client constructor (DI validates the same rules at start).</summary>
internal static class ProviderOptionsGuard
{
    public static void ThrowIfInvalid(ChineseLlmProviderOptions options)
    {
        var problems = options.Validate(options.GetType().Name);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }
    }
}
