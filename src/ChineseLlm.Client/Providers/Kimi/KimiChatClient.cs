using ChineseLlm.Client.Providers.Kimi;

namespace ChineseLlm.Client;

/// <summary>An <see cref="IChatClient"/> for Moonshot Kimi's chat completions API (<c>https://api.moonshot.cn/v1</c>).</summary>
/// <param name="options">The provider options; <see cref="ChineseLlmProviderOptions.ApiKey"/> is required. Invalid options throw <see cref="ArgumentException"/> naming the bad setting.</param>
/// <param name="httpClient">The HTTP client to send with, used as-is and not disposed; <see langword="null"/> (the default): the client builds one with retries, timeouts and a circuit breaker, and disposes it with itself.</param>
/// <param name="services">Where the client takes its <see cref="TimeProvider"/>, <see cref="Microsoft.Extensions.Logging.ILoggerFactory"/> and metrics from (the app's container); <see langword="null"/> (the default): the system clock and no logging.</param>
/// <remarks>
/// <para>Maps <see cref="ChatOptions.Reasoning"/> to Kimi's <c>thinking</c> switch (K2.x) or <c>reasoning_effort</c>
/// (K3), leaves out the sampling parameters that K2.6 and later fix, reads usage from <c>choices[0].usage</c> or the
/// top level, and sends <c>reasoning_content</c> back on assistant tool-call turns. A 429 that means an exhausted
/// balance is <see cref="LlmErrorKind.QuotaExceeded"/> and is not retried. Thread-safe.</para>
/// </remarks>
[SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "DelegatingChatClient owns the inner client and disposes it with itself.")]
public sealed class KimiChatClient(KimiOptions options, HttpClient? httpClient = null, IServiceProvider? services = null)
    : DelegatingChatClient(OpenAiCompatibleChatClientFactory.Create(KimiDialect.Instance, options, authenticator: null, ProviderServices.From(httpClient, services)));
