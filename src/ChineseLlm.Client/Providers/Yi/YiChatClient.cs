using ChineseLlm.Client.Providers.Yi;

namespace ChineseLlm.Client;

/// <summary>An <see cref="IChatClient"/> for 01.AI Yi's chat completions API (<c>https://api.lingyiwanwu.com/v1</c>).</summary>
/// <param name="options">The provider options; <see cref="ChineseLlmProviderOptions.ApiKey"/> is required. Invalid options throw <see cref="ArgumentException"/> naming the bad setting.</param>
/// <param name="httpClient">The HTTP client to send with, used as-is and not disposed; <see langword="null"/> (the default): the client builds one with retries, timeouts and a circuit breaker, and disposes it with itself.</param>
/// <param name="services">Where the client takes its <see cref="TimeProvider"/>, <see cref="Microsoft.Extensions.Logging.ILoggerFactory"/> and metrics from (the app's container); <see langword="null"/> (the default): the system clock and no logging.</param>
/// <remarks>
/// <para>01.AI's platform is a plain OpenAI-compatible API; errors are classified by the OpenAI error codes (<c>invalid_api_key</c>, <c>insufficient_quota</c>, <c>rate_limit_exceeded</c>, <c>context_length_exceeded</c>, <c>model_not_found</c>) and otherwise by HTTP status. The vendor's public API reference has been offline since 2026-05, so treat the service as at risk. Thread-safe.</para>
/// </remarks>
[SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "DelegatingChatClient owns the inner client and disposes it with itself.")]
public sealed class YiChatClient(YiOptions options, HttpClient? httpClient = null, IServiceProvider? services = null)
    : DelegatingChatClient(OpenAiCompatibleChatClientFactory.Create(YiDialect.Instance, options, authenticator: null, ProviderServices.From(httpClient, services)));
