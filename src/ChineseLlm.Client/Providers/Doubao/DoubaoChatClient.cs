using ChineseLlm.Client.Providers.Doubao;

namespace ChineseLlm.Client;

/// <summary>An <see cref="IChatClient"/> for Doubao on Volcengine Ark (<c>https://ark.cn-beijing.volces.com/api/v3</c>).</summary>
/// <param name="options">The provider options; <see cref="ChineseLlmProviderOptions.ApiKey"/> is required. Invalid options throw <see cref="ArgumentException"/> naming the bad setting.</param>
/// <param name="httpClient">The HTTP client to send with, used as-is and not disposed; <see langword="null"/> (the default): the client builds one with retries, timeouts and a circuit breaker, and disposes it with itself.</param>
/// <param name="services">Where the client takes its <see cref="TimeProvider"/>, <see cref="Microsoft.Extensions.Logging.ILoggerFactory"/> and metrics from (the app's container); <see langword="null"/> (the default): the system clock and no logging.</param>
/// <remarks>
/// <para>The model may be a model id or an <c>ep-…</c> endpoint id. Maps <see cref="ChatOptions.Reasoning"/> to Ark's
/// <c>thinking</c> switch (<see cref="ReasoningEffort.None"/> → <c>disabled</c>, any other effort → <c>enabled</c>);
/// <c>ChatOptions.AdditionalProperties["thinking"]</c> = <c>"auto"</c> (or <c>"enabled"</c>, <c>"disabled"</c>, or
/// <c>{"type":"auto"}</c>) lets the model decide. Reasoning arrives as <see cref="TextReasoningContent"/>; usage
/// reports cached input and reasoning tokens. Ark's error codes map to <see cref="LlmErrorKind"/>, with the request id
/// from <c>X-Request-Id</c> or from the <c>Request id: …</c> at the end of Ark's message. Thread-safe.</para>
/// </remarks>
[SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "DelegatingChatClient owns the inner client and disposes it with itself.")]
public sealed class DoubaoChatClient(DoubaoOptions options, HttpClient? httpClient = null, IServiceProvider? services = null)
    : DelegatingChatClient(OpenAiCompatibleChatClientFactory.Create(DoubaoDialect.Instance, options, authenticator: null, ProviderServices.From(httpClient, services)));
