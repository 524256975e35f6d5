using System.Text.Json.Serialization;

namespace ChineseLlm.Samples.WebApi.OpenAi;

/// <summary>The error inside an <see cref="ErrorResponse"/>.</summary>
public sealed class ErrorDto
{
    public required string Message { get; init; }

    public required string Type { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Param { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Code { get; init; }

    /// <summary>Gets the provider that failed, when one did (an extension).</summary>
    public string? Provider { get; init; }

    /// <summary>Gets the provider's request id, to quote to its support (an extension).</summary>
    public string? RequestId { get; init; }
}
