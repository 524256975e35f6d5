namespace ChineseLlm.Client.Conformance;

/// <summary>An error fixture, the HTTP status it arrives with, and the classification it must get.</summary>
/// <param name="File">The fixture file.</param>
/// <param name="StatusCode">The HTTP status the vendor sends it with (200 for errors inside a successful body).</param>
/// <param name="Kind">The expected <see cref="LlmErrorKind"/>.</param>
/// <param name="ErrorCode">The expected vendor code in <see cref="ChineseLlmException.ErrorCode"/>.</param>
/// <param name="ContentType">The response content type.</param>
public sealed record ErrorFixture(string File, int StatusCode, LlmErrorKind Kind, string? ErrorCode, string ContentType = "application/json");
