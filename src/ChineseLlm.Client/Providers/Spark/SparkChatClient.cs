using ChineseLlm.Client.Providers.Spark;

namespace ChineseLlm.Client;

/// <summary>An <see cref="IChatClient"/> for iFlytek Spark's chat completions API (<c>https://spark-api-open.xf-yun.com/v1</c>).</summary>
/// <param name="options">The provider options; <see cref="ChineseLlmProviderOptions.ApiKey"/> is required. Invalid options throw <see cref="ArgumentException"/> naming the bad setting.</param>
/// <param name="httpClient">The HTTP client to send with, used as-is and not disposed; <see langword="null"/> (the default): the client builds one with retries, timeouts and a circuit breaker, and disposes it with itself.</param>
/// <param name="services">Where the client takes its <see cref="TimeProvider"/>, <see cref="Microsoft.Extensions.Logging.ILoggerFactory"/> and metrics from (the app's container); <see langword="null"/> (the default): the system clock and no logging.</param>
/// <remarks>
/// <para>Speaks iFlytek's HTTP dialect: the top-level <c>code</c>/<c>message</c>/<c>sid</c> on every body and chunk (a non-zero code inside HTTP 200 is raised as a <see cref="ChineseLlmException"/>), <c>data:</c> frames without a space, no <c>finish_reason</c> (a stream that ends with <c>[DONE]</c> finished normally), no model in the response (the requested one is reported). The <c>ApiKey</c> is the model family's APIPassword (or the older <c>APIKey:APISecret</c>). Text only. Thread-safe.</para>
/// </remarks>
[SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "DelegatingChatClient owns the inner client and disposes it with itself.")]
public sealed class SparkChatClient(SparkOptions options, HttpClient? httpClient = null, IServiceProvider? services = null)
    : DelegatingChatClient(OpenAiCompatibleChatClientFactory.Create(SparkDialect.Instance, options, authenticator: null, ProviderServices.From(httpClient, services)));
