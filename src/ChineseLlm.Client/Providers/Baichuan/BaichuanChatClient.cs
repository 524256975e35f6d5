using ChineseLlm.Client.OpenAiCompatible;
using ChineseLlm.Client.Providers.Baichuan;
using ChineseLlm.Client.Telemetry;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace ChineseLlm.Client;

/// <summary>An <see cref="IChatClient"/> for Baichuan's chat completions API (<c>https://api.baichuan-ai.com/v1</c>).</summary>
/// <remarks>
/// <para>Speaks Baichuan's OpenAI dialect: <c>data:</c> frames without a space, <c>finish_reason:""</c> on intermediate chunks, usage (with <c>search_count</c>) on the last content chunk, tool-call turns without content, and <c>reasoning_content</c> from the Baichuan-M medical models. Text only: images are rejected before sending. Errors surface as <see cref="ChineseLlmException"/>; the request id comes from <c>X-BC-Request-Id</c>.</para>
/// <para>Thread-safe. Without an <see cref="HttpClient"/>, the client builds one with retries, timeouts and a circuit
/// breaker and disposes it with itself; a supplied <see cref="HttpClient"/> is used as-is and not disposed.</para>
/// </remarks>
public sealed class BaichuanChatClient : DelegatingChatClient
{
    /// <summary>Initializes a new instance of the <see cref="BaichuanChatClient"/> class.</summary>
    /// <param name="options">The provider options; <see cref="ChineseLlmProviderOptions.ApiKey"/> is required.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid; the message names the bad setting.</exception>
    public BaichuanChatClient(BaichuanOptions options)
        : this(options, httpClient: null, timeProvider: null, loggerFactory: null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BaichuanChatClient"/> class that sends through <paramref name="httpClient"/>.</summary>
    /// <param name="options">The provider options; <see cref="ChineseLlmProviderOptions.ApiKey"/> is required.</param>
    /// <param name="httpClient">The HTTP client to send with; its own handlers provide any resilience.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="httpClient"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid; the message names the bad setting.</exception>
    public BaichuanChatClient(BaichuanOptions options, HttpClient httpClient)
        : this(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient)), timeProvider: null, loggerFactory: null)
    {
    }

#pragma warning disable CA2000 // DelegatingChatClient owns the engine and disposes it with itself.
    internal BaichuanChatClient(BaichuanOptions options, HttpClient? httpClient, TimeProvider? timeProvider, ILoggerFactory? loggerFactory, ChatInstrumentation? instrumentation = null)
        : base(OpenAiCompatibleChatClientFactory.Create(BaichuanDialect.Instance, options, authenticator: null, httpClient, timeProvider, loggerFactory, instrumentation))
    {
    }
#pragma warning restore CA2000
}
