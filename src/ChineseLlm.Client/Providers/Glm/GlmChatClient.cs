using ChineseLlm.Client.Providers.Glm;

namespace ChineseLlm.Client;

/// <summary>An <see cref="IChatClient"/> for Zhipu GLM's chat completions API (<c>https://open.bigmodel.cn/api/paas/v4</c>).</summary>
/// <param name="options">The provider options; <see cref="ChineseLlmProviderOptions.ApiKey"/> is required. Invalid options throw <see cref="ArgumentException"/> naming the bad setting.</param>
/// <param name="httpClient">The HTTP client to send with, used as-is and not disposed; <see langword="null"/> (the default): the client builds one with retries, timeouts and a circuit breaker, and disposes it with itself.</param>
/// <param name="services">Where the client takes its <see cref="TimeProvider"/>, <see cref="Microsoft.Extensions.Logging.ILoggerFactory"/> and metrics from (the app's container); <see langword="null"/> (the default): the system clock and no logging.</param>
/// <remarks>
/// <para>Signs an <c>id.secret</c> API key into a short-lived HS256 JWT (renewed before it expires), maps
/// <see cref="ChatOptions.Reasoning"/> to GLM's <c>thinking</c> switch, reads <c>reasoning_content</c>, and classifies
/// errors by GLM's string business code (a 429 with code 1113 is an exhausted balance and is not retried; 1302/1305 are
/// rate limits). A <c>network_error</c> finish is a retryable <see cref="LlmErrorKind.ServerError"/>. Thread-safe.</para>
/// </remarks>
[SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "DelegatingChatClient owns the inner client and disposes it with itself.")]
public sealed class GlmChatClient(GlmOptions options, HttpClient? httpClient = null, IServiceProvider? services = null)
    : DelegatingChatClient(Create(ProviderOptionsGuard.Valid(options), ProviderServices.From(httpClient, services)))
{
    private static IChatClient Create(GlmOptions options, ProviderServices services)
        => OpenAiCompatibleChatClientFactory.Create(GlmDialect.Instance, options, new GlmJwtAuthenticator(new GlmTokenProvider(options.ApiKey!, services.TimeProvider)), services);
}
