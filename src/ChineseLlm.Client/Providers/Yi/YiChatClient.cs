using ChineseLlm.Client.OpenAiCompatible;
using ChineseLlm.Client.Providers.Yi;
using ChineseLlm.Client.Telemetry;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace ChineseLlm.Client;

/// <summary>An <see cref="IChatClient"/> for 01.AI Yi's chat completions API (<c>https://api.lingyiwanwu.com/v1</c>).</summary>
/// <remarks>
/// <para>01.AI's platform is a plain OpenAI-compatible API; errors are classified by the OpenAI error codes (<c>invalid_api_key</c>, <c>insufficient_quota</c>, <c>rate_limit_exceeded</c>, <c>context_length_exceeded</c>, <c>model_not_found</c>) and otherwise by HTTP status. The vendor's public API reference has been offline since 2026-05, so treat the service as at risk.</para>
/// <para>Thread-safe. Without an <see cref="HttpClient"/>, the client builds one with retries, timeouts and a circuit
/// breaker and disposes it with itself; a supplied <see cref="HttpClient"/> is used as-is and not disposed.</para>
/// </remarks>
public sealed class YiChatClient : DelegatingChatClient
{
    /// <summary>Initializes a new instance of the <see cref="YiChatClient"/> class.</summary>
    /// <param name="options">The provider options; <see cref="ChineseLlmProviderOptions.ApiKey"/> is required.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid; the message names the bad setting.</exception>
    public YiChatClient(YiOptions options)
        : this(options, httpClient: null, timeProvider: null, loggerFactory: null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="YiChatClient"/> class that sends through <paramref name="httpClient"/>.</summary>
    /// <param name="options">The provider options; <see cref="ChineseLlmProviderOptions.ApiKey"/> is required.</param>
    /// <param name="httpClient">The HTTP client to send with; its own handlers provide any resilience.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="httpClient"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid; the message names the bad setting.</exception>
    public YiChatClient(YiOptions options, HttpClient httpClient)
        : this(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient)), timeProvider: null, loggerFactory: null)
    {
    }

#pragma warning disable CA2000 // DelegatingChatClient owns the engine and disposes it with itself.
    internal YiChatClient(YiOptions options, HttpClient? httpClient, TimeProvider? timeProvider, ILoggerFactory? loggerFactory, ChatInstrumentation? instrumentation = null)
        : base(OpenAiCompatibleChatClientFactory.Create(YiDialect.Instance, options, authenticator: null, httpClient, timeProvider, loggerFactory, instrumentation))
    {
    }
#pragma warning restore CA2000
}
