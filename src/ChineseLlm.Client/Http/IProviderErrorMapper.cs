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

    /// <summary>
    /// Gets a value indicating whether the vendor's official or recommended client is openai-python or the Ark runtime
    /// SDK, whose retry rules the pipeline then follows for error statuses: an <c>x-should-retry: true|false</c> response
    /// header decides first, and 409 (a lock timeout to those SDKs) is retried like 408, 429 and 5xx
    /// (docs/protocols/deepseek.md, "Retries"; <see cref="ProviderResilience"/>).
    /// </summary>
    bool FollowsOpenAiSdkRetryRules => false;

    /// <summary>Maps an error response.</summary>
    ChineseLlmException MapError(ProviderErrorResponse response);
}
