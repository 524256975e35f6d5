namespace ChineseLlm.Client.Http;

/// <summary>Turns a provider's error response into a <see cref="ChineseLlmException"/> with the right <see cref="LlmErrorKind"/>.</summary>
/// <remarks>Implemented once per wire dialect; used by the chat client and by the retry predicate (so that a 429 that
/// means "balance exhausted" is not retried).</remarks>
internal interface IProviderErrorMapper
{
    /// <summary>Gets the provider key, such as <c>deepseek</c>.</summary>
    string ProviderName { get; }

    /// <summary>Gets the response headers that carry the provider's request id, in order of preference.</summary>
    IReadOnlyList<string> RequestIdHeaders { get; }

    /// <summary>Maps an error response.</summary>
    ChineseLlmException MapError(ProviderErrorResponse response);
}
