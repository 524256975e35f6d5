namespace ChineseLlm.Samples.WebApi.OpenAi;

/// <summary>An error body the way OpenAI sends it: <c>{"error":{"message":…,"type":…,"param":…,"code":…}}</c>.</summary>
public sealed class ErrorResponse
{
    public required ErrorDto Error { get; init; }
}
