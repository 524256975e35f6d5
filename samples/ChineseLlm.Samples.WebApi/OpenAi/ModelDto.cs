using System.Text.Json.Serialization;

namespace ChineseLlm.Samples.WebApi.OpenAi;

/// <summary>A model of the catalog, as an OpenAI <c>model</c> object plus its tier, limits and CNY prices.</summary>
public sealed class ModelDto
{
    public required string Id { get; init; }

    [JsonPropertyName("object")]
    public string ObjectType { get; init; } = "model";

    /// <summary>Gets the day the catalog's prices were checked, as Unix seconds (OpenAI's <c>created</c>).</summary>
    public long Created { get; init; }

    /// <summary>Gets the provider key.</summary>
    public required string OwnedBy { get; init; }

    public string? Tier { get; init; }

    public int? ContextWindow { get; init; }

    public int? MaxOutputTokens { get; init; }

    public List<string>? Capabilities { get; init; }

    /// <summary>Gets the input price in CNY per million tokens (the first price band, before any time window).</summary>
    public decimal? InputPerMillion { get; init; }

    public decimal? CachedInputPerMillion { get; init; }

    public decimal? OutputPerMillion { get; init; }

    /// <summary>Gets whether the router may pick the model by tier (its price is known).</summary>
    public bool Routable { get; init; }
}
