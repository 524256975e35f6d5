using ChineseLlm.Client.Providers.Pangu;

namespace ChineseLlm.Client;

/// <summary>An <see cref="IChatClient"/> for Huawei Pangu (ModelArts Studio)'s chat completions API (a deployment's call path, such as <c>https://{host}/api/v2</c>).</summary>
/// <param name="options">The provider options; <see cref="ChineseLlmProviderOptions.Endpoint"/> and an API key or the IAM user options are required. Invalid options throw <see cref="ArgumentException"/> naming the bad setting.</param>
/// <param name="httpClient">The HTTP client to send with, used as-is and not disposed; <see langword="null"/> (the default): the client builds one with retries, timeouts and a circuit breaker, and disposes it with itself.</param>
/// <param name="services">Where the client takes its <see cref="TimeProvider"/>, <see cref="Microsoft.Extensions.Logging.ILoggerFactory"/> and metrics from (the app's container); <see langword="null"/> (the default): the system clock and no logging.</param>
/// <remarks>
/// <para>Calls a Pangu deployment through its OpenAI-format route (or a V1 deployment path), reads <c>reasoning_content</c>, and maps Huawei's error bodies (<c>PANGU.*</c> service codes, <c>APIG.*</c> gateway codes such as APIG.0301 invalid credentials and APIG.0308 throttling) to <see cref="ChineseLlmException"/>. <see cref="ChineseLlmProviderOptions.Endpoint"/> is required. Authenticates with an API key or, when the IAM user options are set, with an IAM token fetched (password method, no signing) and renewed before its 24-hour expiry.</para>
/// <para>Thread-safe.</para>
/// </remarks>
[SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "DelegatingChatClient owns the inner client and disposes it with itself.")]
public sealed class PanguChatClient(PanguOptions options, HttpClient? httpClient = null, IServiceProvider? services = null)
    : DelegatingChatClient(Create(ProviderOptionsGuard.Valid(options), ProviderServices.From(httpClient, services)))
{
    /// <summary>Builds the client; the driver owns the authenticator (the IAM one holds a token cache) and disposes it with itself.</summary>
    private static IChatClient Create(PanguOptions options, ProviderServices services) => OpenAiCompatibleChatClientFactory.Create(
        PanguDialect.Instance,
        options,
        options.UsesIamToken ? new PanguIamTokenAuthenticator(options, services.HttpClient, services.TimeProvider) : new PanguApiKeyAuthenticator(options.ApiKey!, options.Endpoint!),
        services);
}
