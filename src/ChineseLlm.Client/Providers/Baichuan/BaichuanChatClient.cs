using ChineseLlm.Client.Providers.Baichuan;

namespace ChineseLlm.Client;

/// <summary>An <see cref="IChatClient"/> for Baichuan's chat completions API (<c>https://api.baichuan-ai.com/v1</c>).</summary>
/// <param name="options">The provider options; <see cref="ChineseLlmProviderOptions.ApiKey"/> is required. Invalid options throw <see cref="ArgumentException"/> naming the bad setting.</param>
/// <param name="httpClient">The HTTP client to send with, used as-is and not disposed; <see langword="null"/> (the default): the client builds one with retries, timeouts and a circuit breaker, and disposes it with itself.</param>
/// <param name="services">Where the client takes its <see cref="TimeProvider"/>, <see cref="Microsoft.Extensions.Logging.ILoggerFactory"/> and metrics from (the app's container); <see langword="null"/> (the default): the system clock and no logging.</param>
/// <remarks>
/// <para>Speaks Baichuan's OpenAI dialect: <c>data:</c> frames without a space, <c>finish_reason:""</c> on intermediate chunks, usage (with <c>search_count</c>) on the last content chunk, tool-call turns without content, and <c>reasoning_content</c> from the Baichuan-M medical models. Text only: images are rejected before sending. Errors surface as <see cref="ChineseLlmException"/>; the request id comes from <c>X-BC-Request-Id</c>. Thread-safe.</para>
/// </remarks>
[SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "DelegatingChatClient owns the inner client and disposes it with itself.")]
public sealed class BaichuanChatClient(BaichuanOptions options, HttpClient? httpClient = null, IServiceProvider? services = null)
    : DelegatingChatClient(OpenAiCompatibleChatClientFactory.Create(BaichuanDialect.Instance, options, authenticator: null, ProviderServices.From(httpClient, services)));
