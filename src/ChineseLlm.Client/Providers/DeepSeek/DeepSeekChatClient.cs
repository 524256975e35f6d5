using ChineseLlm.Client.Providers.DeepSeek;

namespace ChineseLlm.Client;

/// <summary>An <see cref="IChatClient"/> for DeepSeek's chat completions API (<c>https://api.deepseek.com</c>).</summary>
/// <param name="options">The provider options; <see cref="ChineseLlmProviderOptions.ApiKey"/> is required. Invalid options throw <see cref="ArgumentException"/> naming the bad setting.</param>
/// <param name="httpClient">The HTTP client to send with, used as-is and not disposed; <see langword="null"/> (the default): the client builds one with retries, timeouts and a circuit breaker, and disposes it with itself.</param>
/// <param name="services">Where the client takes its <see cref="TimeProvider"/>, <see cref="Microsoft.Extensions.Logging.ILoggerFactory"/> and metrics from (the app's container); <see langword="null"/> (the default): the system clock and no logging.</param>
/// <remarks>
/// <para>Maps <see cref="ChatOptions.Reasoning"/> to DeepSeek's <c>thinking</c> switch and <c>reasoning_effort</c>,
/// reads cache hits from <c>prompt_cache_hit_tokens</c>, and sends <c>reasoning_content</c> back on assistant turns
/// when the request has tools (required since V4). Errors surface as <see cref="ChineseLlmException"/>. Thread-safe.</para>
/// </remarks>
[SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "DelegatingChatClient owns the inner client and disposes it with itself.")]
public sealed class DeepSeekChatClient(DeepSeekOptions options, HttpClient? httpClient = null, IServiceProvider? services = null)
    : DelegatingChatClient(OpenAiCompatibleChatClientFactory.Create(DeepSeekDialect.Instance, options, authenticator: null, ProviderServices.From(httpClient, services)));
