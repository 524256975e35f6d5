using ChineseLlm.Client.Providers.Hunyuan;

namespace ChineseLlm.Client;

/// <summary>An <see cref="IChatClient"/> for Tencent Hunyuan.</summary>
/// <param name="options">The provider options: SecretId + SecretKey (native), or ApiKey (OpenAI-compatible). Invalid options throw <see cref="ArgumentException"/> naming the bad setting.</param>
/// <param name="httpClient">The HTTP client to send with, used as-is and not disposed; <see langword="null"/> (the default): the client builds one with retries, timeouts and a circuit breaker, and disposes it with itself.</param>
/// <param name="services">Where the client takes its <see cref="TimeProvider"/>, <see cref="Microsoft.Extensions.Logging.ILoggerFactory"/> and metrics from (the app's container); <see langword="null"/> (the default): the system clock and no logging.</param>
/// <remarks>
/// <para>With <see cref="HunyuanOptions.SecretId"/> + <see cref="HunyuanOptions.SecretKey"/> it speaks the native
/// Tencent Cloud API 3.0 (<c>POST https://hunyuan.tencentcloudapi.com/</c>, <c>X-TC-Action: ChatCompletions</c>,
/// TC3-HMAC-SHA256 signed with the time from the <see cref="TimeProvider"/>): PascalCase JSON, errors inside HTTP 200
/// bodies (also for streams), an SSE stream with running usage. With only
/// <see cref="ChineseLlmProviderOptions.ApiKey"/> it uses the OpenAI-compatible endpoint
/// <c>https://api.hunyuan.cloud.tencent.com/v1</c>.</para>
/// <para>Native limits: no output cap (<see cref="ChatOptions.MaxOutputTokens"/> is not sent) and no JSON mode;
/// <c>Stop</c> stops after the stop string; reasoning is never sent back. Vendor extras such as
/// <c>EnableEnhancement</c> (native) or <c>enable_enhancement</c> (compatible) pass through
/// <see cref="ChatOptions.AdditionalProperties"/>.</para>
/// <para>Thread-safe.</para>
/// </remarks>
[SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "DelegatingChatClient owns the inner client and disposes it with itself.")]
public sealed class HunyuanChatClient(HunyuanOptions options, HttpClient? httpClient = null, IServiceProvider? services = null)
    : DelegatingChatClient(Create(ProviderOptionsGuard.Valid(options), ProviderServices.From(httpClient, services)))
{
    private static IChatClient Create(HunyuanOptions options, ProviderServices services) => options.UsesNativeProtocol
        ? HunyuanNativeProtocol.CreateClient(options, services)
        : OpenAiCompatibleChatClientFactory.Create(HunyuanCompatibleDialect.Instance, options, authenticator: null, services);
}
