using ChineseLlm.Client.OpenAiCompatible;
using ChineseLlm.Client.Providers.Glm;
using ChineseLlm.Client.Telemetry;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace ChineseLlm.Client;

/// <summary>An <see cref="IChatClient"/> for Zhipu GLM's chat completions API (<c>https://open.bigmodel.cn/api/paas/v4</c>).</summary>
/// <remarks>
/// <para>Signs an <c>id.secret</c> API key into a short-lived HS256 JWT (renewed before it expires), maps
/// <see cref="ChatOptions.Reasoning"/> to GLM's <c>thinking</c> switch, reads <c>reasoning_content</c>, and classifies
/// errors by GLM's string business code (a 429 with code 1113 is an exhausted balance and is not retried; 1302/1305 are
/// rate limits). A <c>network_error</c> finish is a retryable <see cref="LlmErrorKind.ServerError"/>.</para>
/// <para>Thread-safe. Without an <see cref="HttpClient"/>, the client builds one with retries, timeouts and a circuit
/// breaker and disposes it with itself; a supplied <see cref="HttpClient"/> is used as-is and not disposed.</para>
/// </remarks>
public sealed class GlmChatClient : DelegatingChatClient
{
    /// <summary>Initializes a new instance of the <see cref="GlmChatClient"/> class.</summary>
    /// <param name="options">The provider options; <see cref="ChineseLlmProviderOptions.ApiKey"/> is required.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid; the message names the bad setting.</exception>
    public GlmChatClient(GlmOptions options)
        : this(options, httpClient: null, timeProvider: null, loggerFactory: null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="GlmChatClient"/> class that sends through <paramref name="httpClient"/>.</summary>
    /// <param name="options">The provider options; <see cref="ChineseLlmProviderOptions.ApiKey"/> is required.</param>
    /// <param name="httpClient">The HTTP client to send with; its own handlers provide any resilience.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="httpClient"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid; the message names the bad setting.</exception>
    public GlmChatClient(GlmOptions options, HttpClient httpClient)
        : this(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient)), timeProvider: null, loggerFactory: null)
    {
    }

#pragma warning disable CA2000 // DelegatingChatClient owns the engine and disposes it with itself.
    internal GlmChatClient(GlmOptions options, HttpClient? httpClient, TimeProvider? timeProvider, ILoggerFactory? loggerFactory, ChatInstrumentation? instrumentation = null)
        : base(OpenAiCompatibleChatClientFactory.Create(
            GlmDialect.Instance, options, CreateAuthenticator(options, timeProvider), httpClient, timeProvider, loggerFactory, instrumentation))
    {
    }
#pragma warning restore CA2000

    private static GlmJwtAuthenticator CreateAuthenticator(GlmOptions options, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ProviderOptionsGuard.ThrowIfInvalid(options);
        return new GlmJwtAuthenticator(new GlmTokenProvider(options.ApiKey!, timeProvider ?? TimeProvider.System));
    }
}
