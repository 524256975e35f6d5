using ChineseLlm.Client.Providers.MiniMax;

namespace ChineseLlm.Client;

/// <summary>An <see cref="IChatClient"/> for MiniMax's chat completions API (<c>https://api.minimaxi.com/v1</c>).</summary>
/// <param name="options">The provider options; <see cref="ChineseLlmProviderOptions.ApiKey"/> is required. Invalid options throw <see cref="ArgumentException"/> naming the bad setting.</param>
/// <param name="httpClient">The HTTP client to send with, used as-is and not disposed; <see langword="null"/> (the default): the client builds one with retries, timeouts and a circuit breaker, and disposes it with itself.</param>
/// <param name="services">Where the client takes its <see cref="TimeProvider"/>, <see cref="Microsoft.Extensions.Logging.ILoggerFactory"/> and metrics from (the app's container); <see langword="null"/> (the default): the system clock and no logging.</param>
/// <remarks>
/// <para>Uses MiniMax's OpenAI-compatible route and asks for <c>reasoning_split</c>, so reasoning arrives as <see cref="TextReasoningContent"/> (from <c>reasoning_details</c>, <c>reasoning_content</c> or inline <c>&lt;think&gt;</c> tags). Errors that MiniMax reports inside HTTP 200 as <c>base_resp</c> (1008 insufficient balance, 2056 plan limit, 1002 rate limit, 1026/1027 sensitive content, …) are raised as <see cref="ChineseLlmException"/>; the request id comes from <c>Trace-Id</c> or the body <c>id</c>. Thread-safe.</para>
/// </remarks>
[SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "DelegatingChatClient owns the inner client and disposes it with itself.")]
public sealed class MiniMaxChatClient(MiniMaxOptions options, HttpClient? httpClient = null, IServiceProvider? services = null)
    : DelegatingChatClient(OpenAiCompatibleChatClientFactory.Create(MiniMaxDialect.Instance, options, authenticator: null, ProviderServices.From(httpClient, services)));
