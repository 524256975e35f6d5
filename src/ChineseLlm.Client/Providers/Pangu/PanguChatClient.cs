using ChineseLlm.Client.Http;
using ChineseLlm.Client.OpenAiCompatible;
using ChineseLlm.Client.Providers.Pangu;
using ChineseLlm.Client.Telemetry;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace ChineseLlm.Client;

/// <summary>An <see cref="IChatClient"/> for Huawei Pangu (ModelArts Studio)'s chat completions API (a deployment's call path, such as <c>https://{host}/api/v2</c>).</summary>
/// <remarks>
/// <para>Calls a Pangu deployment through its OpenAI-format route (or a V1 deployment path), reads <c>reasoning_content</c>, and maps Huawei's error bodies (<c>PANGU.*</c> service codes, <c>APIG.*</c> gateway codes such as APIG.0301 invalid credentials and APIG.0308 throttling) to <see cref="ChineseLlmException"/>. <see cref="ChineseLlmProviderOptions.Endpoint"/> is required. Authenticates with an API key or, when the IAM user options are set, with an IAM token fetched (password method, no signing) and renewed before its 24-hour expiry.</para>
/// <para>Thread-safe. Without an <see cref="HttpClient"/>, the client builds one with retries, timeouts and a circuit
/// breaker and disposes it with itself; a supplied <see cref="HttpClient"/> is used as-is and not disposed.</para>
/// </remarks>
public sealed class PanguChatClient : DelegatingChatClient
{
    /// <summary>Initializes a new instance of the <see cref="PanguChatClient"/> class.</summary>
    /// <param name="options">The provider options; <see cref="ChineseLlmProviderOptions.ApiKey"/> is required.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid; the message names the bad setting.</exception>
    public PanguChatClient(PanguOptions options)
        : this(options, httpClient: null, timeProvider: null, loggerFactory: null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PanguChatClient"/> class that sends through <paramref name="httpClient"/>.</summary>
    /// <param name="options">The provider options; <see cref="ChineseLlmProviderOptions.ApiKey"/> is required.</param>
    /// <param name="httpClient">The HTTP client to send with; its own handlers provide any resilience.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="httpClient"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid; the message names the bad setting.</exception>
    public PanguChatClient(PanguOptions options, HttpClient httpClient)
        : this(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient)), timeProvider: null, loggerFactory: null)
    {
    }

    private readonly IDisposable? _ownedAuthenticator;

#pragma warning disable CA2000 // DelegatingChatClient owns the engine; this client owns the IAM authenticator and disposes it.
    internal PanguChatClient(PanguOptions options, HttpClient? httpClient, TimeProvider? timeProvider, ILoggerFactory? loggerFactory, ChatInstrumentation? instrumentation = null)
        : this(options, CreateAuthenticator(options, httpClient, timeProvider), httpClient, timeProvider, loggerFactory, instrumentation)
    {
    }

    private PanguChatClient(
        PanguOptions options, RequestAuthenticator authenticator, HttpClient? httpClient, TimeProvider? timeProvider, ILoggerFactory? loggerFactory, ChatInstrumentation? instrumentation)
        : base(OpenAiCompatibleChatClientFactory.Create(PanguDialect.Instance, options, authenticator, httpClient, timeProvider, loggerFactory, instrumentation))
    {
        _ownedAuthenticator = authenticator as IDisposable;
    }
#pragma warning restore CA2000

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _ownedAuthenticator?.Dispose();
        }

        base.Dispose(disposing);
    }

    private static RequestAuthenticator CreateAuthenticator(PanguOptions options, HttpClient? httpClient, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ProviderOptionsGuard.ThrowIfInvalid(options);
        return options.UsesIamToken
            ? new PanguIamTokenAuthenticator(options, httpClient, timeProvider ?? TimeProvider.System)
            : new PanguApiKeyAuthenticator(options.ApiKey!, options.Endpoint!);
    }
}
