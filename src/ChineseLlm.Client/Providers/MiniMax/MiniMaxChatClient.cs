using ChineseLlm.Client.OpenAiCompatible;
using ChineseLlm.Client.Providers.MiniMax;
using ChineseLlm.Client.Telemetry;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace ChineseLlm.Client;

/// <summary>An <see cref="IChatClient"/> for MiniMax's chat completions API (<c>https://api.minimaxi.com/v1</c>).</summary>
/// <remarks>
/// <para>Uses MiniMax's OpenAI-compatible route and asks for <c>reasoning_split</c>, so reasoning arrives as <see cref="TextReasoningContent"/> (from <c>reasoning_details</c>, <c>reasoning_content</c> or inline <c>&lt;think&gt;</c> tags). Errors that MiniMax reports inside HTTP 200 as <c>base_resp</c> (1008 insufficient balance, 2056 plan limit, 1002 rate limit, 1026/1027 sensitive content, …) are raised as <see cref="ChineseLlmException"/>; the request id comes from <c>Trace-Id</c> or the body <c>id</c>.</para>
/// <para>Thread-safe. Without an <see cref="HttpClient"/>, the client builds one with retries, timeouts and a circuit
/// breaker and disposes it with itself; a supplied <see cref="HttpClient"/> is used as-is and not disposed.</para>
/// </remarks>
public sealed class MiniMaxChatClient : DelegatingChatClient
{
    /// <summary>Initializes a new instance of the <see cref="MiniMaxChatClient"/> class.</summary>
    /// <param name="options">The provider options; <see cref="ChineseLlmProviderOptions.ApiKey"/> is required.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid; the message names the bad setting.</exception>
    public MiniMaxChatClient(MiniMaxOptions options)
        : this(options, httpClient: null, timeProvider: null, loggerFactory: null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MiniMaxChatClient"/> class that sends through <paramref name="httpClient"/>.</summary>
    /// <param name="options">The provider options; <see cref="ChineseLlmProviderOptions.ApiKey"/> is required.</param>
    /// <param name="httpClient">The HTTP client to send with; its own handlers provide any resilience.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="httpClient"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid; the message names the bad setting.</exception>
    public MiniMaxChatClient(MiniMaxOptions options, HttpClient httpClient)
        : this(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient)), timeProvider: null, loggerFactory: null)
    {
    }

#pragma warning disable CA2000 // DelegatingChatClient owns the engine and disposes it with itself.
    internal MiniMaxChatClient(MiniMaxOptions options, HttpClient? httpClient, TimeProvider? timeProvider, ILoggerFactory? loggerFactory, ChatInstrumentation? instrumentation = null)
        : base(OpenAiCompatibleChatClientFactory.Create(MiniMaxDialect.Instance, options, authenticator: null, httpClient, timeProvider, loggerFactory, instrumentation))
    {
    }
#pragma warning restore CA2000
}
