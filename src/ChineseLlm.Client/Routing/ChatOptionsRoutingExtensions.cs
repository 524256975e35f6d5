namespace ChineseLlm.Client;

/// <summary>Asks the cost-aware router for a quality tier through <see cref="ChatOptions"/>.</summary>
public static class ChatOptionsRoutingExtensions
{
    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key that carries the tier. Providers never send it.</summary>
    internal const string TierKey = "chinesellm.tier";

    /// <summary>
    /// Asks the router for a model of at least <paramref name="tier"/>: the call is answered by the cheapest configured
    /// model of that tier or above that meets the call's needs.
    /// </summary>
    /// <param name="options">The options to change.</param>
    /// <param name="tier">The lowest acceptable tier.</param>
    /// <returns><paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tier"/> is not a defined <see cref="ModelTier"/>.</exception>
    /// <remarks>The tier is kept in <see cref="ChatOptions.AdditionalProperties"/> as its name, so options stay serializable; a call that sets <see cref="ChatOptions.ModelId"/> pins that model instead.</remarks>
    public static ChatOptions WithTier(this ChatOptions options, ModelTier tier)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.IsDefined(tier))
        {
            throw new ArgumentOutOfRangeException(nameof(tier), tier, "Not a defined model tier.");
        }

        (options.AdditionalProperties ??= [])[TierKey] = tier.ToString();
        return options;
    }

    /// <summary>Reads the tier set with <see cref="WithTier"/>.</summary>
    /// <param name="options">The options, or <see langword="null"/>.</param>
    /// <returns>The tier, or <see langword="null"/> when none was set (the router then uses <see cref="RoutingOptions.DefaultTier"/>).</returns>
    /// <exception cref="ArgumentException">The stored value is not a tier.</exception>
    public static ModelTier? GetTier(this ChatOptions? options)
    {
        if (options?.AdditionalProperties is not { } properties || !properties.TryGetValue(TierKey, out var value) || value is null)
        {
            return null;
        }

        ModelTier? tier = value switch
        {
            ModelTier t => t,
            string s when !int.TryParse(s, out _) && Enum.TryParse<ModelTier>(s, ignoreCase: true, out var parsed) => parsed,
            JsonElement { ValueKind: JsonValueKind.String } e when Enum.TryParse<ModelTier>(e.GetString(), ignoreCase: true, out var parsed) => parsed,
            _ => null,
        };

        return tier is { } found && Enum.IsDefined(found)
            ? found
            : throw new ArgumentException($"ChatOptions.AdditionalProperties[\"{TierKey}\"] holds '{value}', which is not a model tier.", nameof(options));
    }
}
