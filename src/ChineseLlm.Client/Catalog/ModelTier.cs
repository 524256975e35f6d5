namespace ChineseLlm.Client;

/// <summary>
/// The quality tier of a chat model, from the cheapest general models to each vendor's flagship.
/// </summary>
/// <remarks>
/// The values are ordered: <see cref="Lite"/> &lt; <see cref="Standard"/> &lt; <see cref="Advanced"/> &lt; <see cref="Flagship"/>,
/// so a request for a tier is met by any model of that tier or above. In configuration and in the embedded catalog
/// the tier is written by name (for example <c>"Standard"</c>).
/// </remarks>
public enum ModelTier
{
    /// <summary>Small, cheap or free models for simple, high-volume tasks.</summary>
    Lite = 0,

    /// <summary>Mainstream models that balance quality, speed and cost.</summary>
    Standard = 1,

    /// <summary>Strong models for reasoning, coding and agent work, below each vendor's flagship.</summary>
    Advanced = 2,

    /// <summary>Each vendor's best model.</summary>
    Flagship = 3,
}
