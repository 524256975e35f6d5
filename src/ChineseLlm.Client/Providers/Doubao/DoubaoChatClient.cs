using ChineseLlm.Client.OpenAiCompatible;
using ChineseLlm.Client.Providers.Doubao;
using ChineseLlm.Client.Telemetry;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace ChineseLlm.Client;

/// <summary>An <see cref="IChatClient"/> for Doubao on Volcengine Ark (<c>https://ark.cn-beijing.volces.com/api/v3</c>).</summary>
/// <remarks>
/// <para>The model may be a model id or an <c>ep-…</c> endpoint id. Maps <see cref="ChatOptions.Reasoning"/> to Ark's
/// <c>thinking</c> switch (<see cref="ReasoningEffort.None"/> → <c>disabled</c>, any other effort → <c>enabled</c>);
/// <c>ChatOptions.AdditionalProperties["thinking"]</c> = <c>"auto"</c> (or <c>"enabled"</c>, <c>"disabled"</c>, or
/// <c>{"type":"auto"}</c>) lets the model decide. Reasoning arrives as <see cref="TextReasoningContent"/>; usage
/// reports cached input and reasoning tokens. Ark's error codes map to <see cref="LlmErrorKind"/>, with the request id
/// from <c>X-Request-Id</c> or from the <c>Request id: …</c> at the end of Ark's message.</para>
/// <para>Thread-safe. Without an <see cref="HttpClient"/>, the client builds one with retries, timeouts and a circuit
/// breaker and disposes it with itself; a supplied <see cref="HttpClient"/> is used as-is and not disposed.</para>
/// </remarks>
public sealed class DoubaoChatClient : DelegatingChatClient
{
    /// <summary>Initializes a new instance of the <see cref="DoubaoChatClient"/> class.</summary>
    /// <param name="options">The provider options; <see cref="ChineseLlmProviderOptions.ApiKey"/> (the Ark API key) is required.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid; the message names the bad setting.</exception>
    public DoubaoChatClient(DoubaoOptions options)
        : this(options, httpClient: null, timeProvider: null, loggerFactory: null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="DoubaoChatClient"/> class that sends through <paramref name="httpClient"/>.</summary>
    /// <param name="options">The provider options; <see cref="ChineseLlmProviderOptions.ApiKey"/> (the Ark API key) is required.</param>
    /// <param name="httpClient">The HTTP client to send with; its own handlers provide any resilience.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="httpClient"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid; the message names the bad setting.</exception>
    public DoubaoChatClient(DoubaoOptions options, HttpClient httpClient)
        : this(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient)), timeProvider: null, loggerFactory: null)
    {
    }

#pragma warning disable CA2000 // DelegatingChatClient owns the engine and disposes it with itself.
    internal DoubaoChatClient(DoubaoOptions options, HttpClient? httpClient, TimeProvider? timeProvider, ILoggerFactory? loggerFactory, ChatInstrumentation? instrumentation = null)
        : base(OpenAiCompatibleChatClientFactory.Create(DoubaoDialect.Instance, options, authenticator: null, httpClient, timeProvider, loggerFactory, instrumentation))
    {
    }
#pragma warning restore CA2000
}
