namespace ChineseLlm.Client.Http;

/// <summary>What arrived when a provider call failed: the status, a bounded body excerpt and the headers that matter.</summary>
/// <param name="StatusCode">The HTTP status, or <see langword="null"/> for an error found inside a successful body or stream.</param>
/// <param name="Body">The body (bounded, see <see cref="ErrorBodyReader"/>), or <see langword="null"/> when empty.</param>
/// <param name="RequestId">The provider's request id from the response headers.</param>
/// <param name="RetryAfter">The <c>Retry-After</c> header's delay.</param>
internal sealed record ProviderErrorResponse(int? StatusCode, string? Body, string? RequestId, TimeSpan? RetryAfter);
