using ChineseLlm.Client.OpenAiCompatible;
using ChineseLlm.Client.Providers.Spark;
using ChineseLlm.Client.Telemetry;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace ChineseLlm.Client;

/// <summary>An <see cref="IChatClient"/> for iFlytek Spark's chat completions API (<c>https://spark-api-open.xf-yun.com/v1</c>).</summary>
/// <remarks>
/// <para>Speaks iFlytek's HTTP dialect: the top-level <c>code</c>/<c>message</c>/<c>sid</c> on every body and chunk (a non-zero code inside HTTP 200 is raised as a <see cref="ChineseLlmException"/>), <c>data:</c> frames without a space, no <c>finish_reason</c> (a stream that ends with <c>[DONE]</c> finished normally), no model in the response (the requested one is reported). The <c>ApiKey</c> is the model family's APIPassword (or the older <c>APIKey:APISecret</c>). Text only.</para>
/// <para>Thread-safe. Without an <see cref="HttpClient"/>, the client builds one with retries, timeouts and a circuit
/// breaker and disposes it with itself; a supplied <see cref="HttpClient"/> is used as-is and not disposed.</para>
/// </remarks>
public sealed class SparkChatClient : DelegatingChatClient
{
    /// <summary>Initializes a new instance of the <see cref="SparkChatClient"/> class.</summary>
    /// <param name="options">The provider options; <see cref="ChineseLlmProviderOptions.ApiKey"/> is required.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid; the message names the bad setting.</exception>
    public SparkChatClient(SparkOptions options)
        : this(options, httpClient: null, timeProvider: null, loggerFactory: null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SparkChatClient"/> class that sends through <paramref name="httpClient"/>.</summary>
    /// <param name="options">The provider options; <see cref="ChineseLlmProviderOptions.ApiKey"/> is required.</param>
    /// <param name="httpClient">The HTTP client to send with; its own handlers provide any resilience.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="httpClient"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid; the message names the bad setting.</exception>
    public SparkChatClient(SparkOptions options, HttpClient httpClient)
        : this(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient)), timeProvider: null, loggerFactory: null)
    {
    }

#pragma warning disable CA2000 // DelegatingChatClient owns the engine and disposes it with itself.
    internal SparkChatClient(SparkOptions options, HttpClient? httpClient, TimeProvider? timeProvider, ILoggerFactory? loggerFactory, ChatInstrumentation? instrumentation = null)
        : base(OpenAiCompatibleChatClientFactory.Create(SparkDialect.Instance, options, authenticator: null, httpClient, timeProvider, loggerFactory, instrumentation))
    {
    }
#pragma warning restore CA2000
}
