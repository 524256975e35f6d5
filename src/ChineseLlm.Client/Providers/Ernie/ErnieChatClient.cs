using ChineseLlm.Client.Providers.Ernie;

namespace ChineseLlm.Client;

/// <summary>An <see cref="IChatClient"/> for Baidu ERNIE on Qianfan: v2 (OpenAI dialect) or the legacy v1 protocol.</summary>
/// <param name="options">The provider options: ApiKey (v2), or ApiKey + SecretKey (legacy v1). Invalid options throw <see cref="ArgumentException"/> naming the bad setting.</param>
/// <param name="httpClient">The HTTP client to send with, used as-is and not disposed; <see langword="null"/> (the default): the client builds one with retries, timeouts and a circuit breaker, and disposes it with itself.</param>
/// <param name="services">Where the client takes its <see cref="TimeProvider"/>, <see cref="Microsoft.Extensions.Logging.ILoggerFactory"/> and metrics from (the app's container); <see langword="null"/> (the default): the system clock and no logging.</param>
/// <remarks>
/// <para>With <see cref="ChineseLlmProviderOptions.ApiKey"/> alone it calls Qianfan v2
/// (<c>https://qianfan.baidubce.com/v2/chat/completions</c>, bearer key, optional <c>appid</c> header), maps
/// <see cref="ChatOptions.Reasoning"/> to <c>enable_thinking</c> and <c>reasoning_effort</c>, and classifies v2's error
/// codes (a 401 <c>invalid_model</c> is <see cref="LlmErrorKind.ModelNotFound"/>, 403 <c>account_overdue</c> is
/// <see cref="LlmErrorKind.QuotaExceeded"/>, 403 <c>unsafe_request</c> is <see cref="LlmErrorKind.ContentFiltered"/>).</para>
/// <para>With <see cref="ChineseLlmProviderOptions.ApiKey"/> and <see cref="ErnieOptions.SecretKey"/> it speaks the
/// legacy v1 protocol with a cached OAuth token (see <see cref="ErnieOptions"/>).</para>
/// <para>Thread-safe.</para>
/// </remarks>
[SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "DelegatingChatClient owns the inner client and disposes it with itself.")]
public sealed class ErnieChatClient(ErnieOptions options, HttpClient? httpClient = null, IServiceProvider? services = null)
    : DelegatingChatClient(Create(ProviderOptionsGuard.Valid(options), ProviderServices.From(httpClient, services)))
{
    private static IChatClient Create(ErnieOptions options, ProviderServices services) => options.UsesLegacyProtocol
        ? ErnieV1Protocol.CreateClient(options, services)
        : OpenAiCompatibleChatClientFactory.Create(ErnieDialect.Instance, options, new BearerTokenAuthenticator(options.ApiKey!, "appid", options.AppId), services);
}
