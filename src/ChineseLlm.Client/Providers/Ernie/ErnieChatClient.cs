using ChineseLlm.Client.OpenAiCompatible;
using ChineseLlm.Client.Providers.Ernie;
using ChineseLlm.Client.Telemetry;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace ChineseLlm.Client;

/// <summary>An <see cref="IChatClient"/> for Baidu ERNIE on Qianfan: v2 (OpenAI dialect) or the legacy v1 protocol.</summary>
/// <remarks>
/// <para>With <see cref="ChineseLlmProviderOptions.ApiKey"/> alone it calls Qianfan v2
/// (<c>https://qianfan.baidubce.com/v2/chat/completions</c>, bearer key, optional <c>appid</c> header), maps
/// <see cref="ChatOptions.Reasoning"/> to <c>enable_thinking</c> and <c>reasoning_effort</c>, and classifies v2's error
/// codes (a 401 <c>invalid_model</c> is <see cref="LlmErrorKind.ModelNotFound"/>, 403 <c>account_overdue</c> is
/// <see cref="LlmErrorKind.QuotaExceeded"/>, 403 <c>unsafe_request</c> is <see cref="LlmErrorKind.ContentFiltered"/>).</para>
/// <para>With <see cref="ChineseLlmProviderOptions.ApiKey"/> and <see cref="ErnieOptions.SecretKey"/> it speaks the
/// legacy v1 protocol with a cached OAuth token (see <see cref="ErnieOptions"/>).</para>
/// <para>Thread-safe. Without an <see cref="HttpClient"/>, the client builds one with retries, timeouts and a circuit
/// breaker and disposes it with itself; a supplied <see cref="HttpClient"/> is used as-is and not disposed.</para>
/// </remarks>
public sealed class ErnieChatClient : DelegatingChatClient
{
    /// <summary>Initializes a new instance of the <see cref="ErnieChatClient"/> class.</summary>
    /// <param name="options">The provider options: ApiKey (v2), or ApiKey + SecretKey (legacy v1).</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid; the message names the bad setting.</exception>
    public ErnieChatClient(ErnieOptions options)
        : this(options, httpClient: null, timeProvider: null, loggerFactory: null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ErnieChatClient"/> class that sends through <paramref name="httpClient"/>.</summary>
    /// <param name="options">The provider options: ApiKey (v2), or ApiKey + SecretKey (legacy v1).</param>
    /// <param name="httpClient">The HTTP client to send with; its own handlers provide any resilience.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="httpClient"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid; the message names the bad setting.</exception>
    public ErnieChatClient(ErnieOptions options, HttpClient httpClient)
        : this(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient)), timeProvider: null, loggerFactory: null)
    {
    }

#pragma warning disable CA2000 // DelegatingChatClient owns the inner client and disposes it with itself.
    internal ErnieChatClient(
        ErnieOptions options, HttpClient? httpClient, TimeProvider? timeProvider, ILoggerFactory? loggerFactory, ChatInstrumentation? instrumentation = null)
        : base(CreateInner(options, httpClient, timeProvider, loggerFactory, instrumentation))
    {
    }

    private static IChatClient CreateInner(
        ErnieOptions options, HttpClient? httpClient, TimeProvider? timeProvider, ILoggerFactory? loggerFactory, ChatInstrumentation? instrumentation)
    {
        ArgumentNullException.ThrowIfNull(options);
        ProviderOptionsGuard.ThrowIfInvalid(options);
        if (!options.UsesLegacyProtocol)
        {
            return OpenAiCompatibleChatClientFactory.Create(
                ErnieDialect.Instance, options, new ErnieAuthenticator(options.ApiKey!, options.AppId), httpClient, timeProvider, loggerFactory, instrumentation);
        }

        return ErnieV1Protocol.CreateClient(options, httpClient, timeProvider, loggerFactory, instrumentation);
    }
#pragma warning restore CA2000
}
