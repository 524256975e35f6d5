using ChineseLlm.Client.OpenAiCompatible;
using ChineseLlm.Client.Providers.Hunyuan;
using ChineseLlm.Client.Telemetry;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace ChineseLlm.Client;

/// <summary>An <see cref="IChatClient"/> for Tencent Hunyuan.</summary>
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
/// <para>Thread-safe. Without an <see cref="HttpClient"/>, the client builds one with retries, timeouts and a circuit
/// breaker and disposes it with itself; a supplied <see cref="HttpClient"/> is used as-is and not disposed.</para>
/// </remarks>
public sealed class HunyuanChatClient : DelegatingChatClient
{
    /// <summary>Initializes a new instance of the <see cref="HunyuanChatClient"/> class.</summary>
    /// <param name="options">The provider options: SecretId + SecretKey (native), or ApiKey (OpenAI-compatible).</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid; the message names the bad setting.</exception>
    public HunyuanChatClient(HunyuanOptions options)
        : this(options, httpClient: null, timeProvider: null, loggerFactory: null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="HunyuanChatClient"/> class that sends through <paramref name="httpClient"/>.</summary>
    /// <param name="options">The provider options: SecretId + SecretKey (native), or ApiKey (OpenAI-compatible).</param>
    /// <param name="httpClient">The HTTP client to send with; its own handlers provide any resilience.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="httpClient"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid; the message names the bad setting.</exception>
    public HunyuanChatClient(HunyuanOptions options, HttpClient httpClient)
        : this(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient)), timeProvider: null, loggerFactory: null)
    {
    }

#pragma warning disable CA2000 // DelegatingChatClient owns the inner client and disposes it with itself.
    internal HunyuanChatClient(
        HunyuanOptions options, HttpClient? httpClient, TimeProvider? timeProvider, ILoggerFactory? loggerFactory, ChatInstrumentation? instrumentation = null)
        : base(CreateInner(options, httpClient, timeProvider, loggerFactory, instrumentation))
    {
    }
#pragma warning restore CA2000

    private static IChatClient CreateInner(
        HunyuanOptions options, HttpClient? httpClient, TimeProvider? timeProvider, ILoggerFactory? loggerFactory, ChatInstrumentation? instrumentation)
    {
        ArgumentNullException.ThrowIfNull(options);
        ProviderOptionsGuard.ThrowIfInvalid(options);
        if (!options.UsesNativeProtocol)
        {
            return OpenAiCompatibleChatClientFactory.Create(
                HunyuanCompatibleDialect.Instance, options, authenticator: null, httpClient, timeProvider, loggerFactory, instrumentation);
        }

        return HunyuanNativeProtocol.CreateClient(options, httpClient, timeProvider, loggerFactory, instrumentation);
    }
}
