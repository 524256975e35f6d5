namespace ChineseLlm.Client;

/// <summary>Argument checks for provider options handed to a client constructor (DI validates the same rules at start).</summary>
internal static class ProviderOptionsGuard
{
    /// <summary>
    /// Throws when <paramref name="options"/> are invalid: a credential that cannot travel in an HTTP header (a pasted
    /// line break or zero-width space) is a <see cref="ChineseLlmException"/> of kind
    /// <see cref="LlmErrorKind.Authentication"/> (not transient: no call could succeed with it); any other bad value an
    /// <see cref="ArgumentException"/>. Both name the setting and never repeat a secret.
    /// </summary>
    /// <param name="options">The options a client is being built from.</param>
    public static void ThrowIfInvalid(ChineseLlmProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var name = options.GetType().Name;
        var credentialProblems = new List<string>();
        options.ValidateCredentialText(credentialProblems, name);
        if (credentialProblems.Count > 0)
        {
            var provider = name.EndsWith("Options", StringComparison.Ordinal) ? name[..^"Options".Length] : name;
            throw new ChineseLlmException(provider.ToLowerInvariant(), LlmErrorKind.Authentication, string.Join(" ", credentialProblems));
        }

        var problems = options.Validate(name);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }
    }

    /// <summary>Returns <paramref name="options"/> after <see cref="ThrowIfInvalid"/>: for a client that reads them before building its protocol.</summary>
    /// <typeparam name="TOptions">The provider's options type.</typeparam>
    /// <param name="options">The options a client is being built from.</param>
    /// <returns>The same options.</returns>
    public static TOptions Valid<TOptions>(TOptions options)
        where TOptions : ChineseLlmProviderOptions
    {
        ThrowIfInvalid(options);
        return options;
    }
}
