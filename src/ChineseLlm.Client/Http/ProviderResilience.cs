using System.Buffers;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Telemetry;
using Polly.Timeout;

namespace ChineseLlm.Client.Http;

/// <summary>
/// The per-provider resilience pipeline, composed from Microsoft.Extensions.Http.Resilience (Polly v8):
/// retry (transient only, Retry-After honoured, exponential backoff with jitter) → circuit breaker → attempt timeout,
/// inside the driver's deadline for the whole call (<see cref="ProviderCall"/>). Used by the DI-registered named
/// HttpClients and by clients built without DI.
/// </summary>
internal static class ProviderResilience
{
    /// <summary>The non-standard response header openai-python and the Ark SDK obey.</summary>
    internal const string ShouldRetryHeader = "x-should-retry";

    public static void Configure(
        ResiliencePipelineBuilder<HttpResponseMessage> builder,
        ChineseLlmProviderOptions options,
        IProviderErrorMapper mapper,
        TimeProvider timeProvider)
    {
        // No total timeout here: the driver's deadline (ProviderCall, the provider's Timeout) covers the whole call,
        // retries, back-off and a stream's reading included, and says so in its error. A second Polly timeout over
        // the same span only raced it, reporting an expired call as an expired attempt, and cost every call an
        // async frame (about 450 B a call; tests/ChineseLlm.Client.Benchmarks/README.md).
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                Name = "retry",
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = ProviderDefaults.RetryBaseDelay,
                ShouldRetryAfterHeader = false, // RetryDelay below honours the header and the vendors' message hints.
                ShouldHandle = args => ShouldRetryAsync(args.Outcome, mapper, timeProvider, args.Context.CancellationToken),
                DelayGenerator = args => RetryDelayAsync(args.Outcome, mapper, timeProvider, args.Context.CancellationToken),
            });
        }

        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            Name = "breaker",
            FailureRatio = ProviderDefaults.BreakerFailureRatio,
            MinimumThroughput = ProviderDefaults.BreakerMinimumThroughput,
            SamplingDuration = ProviderDefaults.BreakerSamplingDuration,
            BreakDuration = ProviderDefaults.BreakerBreakDuration,
            ShouldHandle = args => IsTransientAsync(args.Outcome, mapper, timeProvider, args.Context.CancellationToken),
        });

        builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "attempt", Timeout = options.AttemptTimeout });
    }

    /// <summary>
    /// Quiet by default: Polly reports every successful attempt as an Information event ("Execution attempt"), which at
    /// default log levels is one line per provider call. This pipeline keeps the app's telemetry options (loggers,
    /// metering enrichers, listeners) and lowers what is routine to Debug: successful attempts and Information events.
    /// Retries, handled failures and an opening circuit keep their Warning/Error severities.
    /// </summary>
    public static void ConfigureTelemetry(ResiliencePipelineBuilder<HttpResponseMessage> builder, IServiceProvider services)
    {
        var telemetry = new TelemetryOptions(services.GetService<IOptions<TelemetryOptions>>()?.Value ?? new TelemetryOptions());
        var severity = telemetry.SeverityProvider;
        telemetry.SeverityProvider = args =>
        {
            var chosen = severity?.Invoke(args) ?? args.Event.Severity;
            return chosen == ResilienceEventSeverity.Information ? ResilienceEventSeverity.Debug : chosen;
        };
        builder.ConfigureTelemetry(telemetry);
    }

    /// <summary>Builds an HttpClient with the pipeline, for clients constructed without dependency injection.</summary>
    public static HttpClient CreateHttpClient(ChineseLlmProviderOptions options, IProviderErrorMapper mapper, TimeProvider timeProvider)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
        Configure(builder, options, mapper, timeProvider);
#pragma warning disable CA2000 // The handlers are owned by the HttpClient, which disposes them.
        var handler = new ResilienceHandler(builder.Build())
        {
            InnerHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
        };
#pragma warning restore CA2000
        return new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    /// <summary>
    /// Transient: network failures, attempt timeouts, 408, 5xx, 409 for vendors on openai-python's retry rules
    /// (<see cref="IProviderErrorMapper.FollowsOpenAiSdkRetryRules"/>), 429s whose body the provider's mapper says are
    /// transient, and successful JSON answers carrying a transient in-body error (<see cref="IInBodyErrorMapper"/>) (Kimi reports an exhausted balance as 429 <c>exceeded_current_quota_error</c>: not retried).
    /// </summary>
    internal static async ValueTask<bool> IsTransientAsync(
        Outcome<HttpResponseMessage> outcome, IProviderErrorMapper mapper, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException or TimeoutRejectedException;
        }

        if (outcome.Result is not { } response)
        {
            return false;
        }

        var status = (int)response.StatusCode;
        if (status is (int)HttpStatusCode.RequestTimeout or >= 500)
        {
            return true;
        }

        // openai-python and the Ark SDK retry a 409 (a lock timeout to them); the vendors whose client they are get
        // the same (docs/protocols/deepseek.md and docs/protocols/doubao.md, "Retries").
        if (status == (int)HttpStatusCode.Conflict && mapper.FollowsOpenAiSdkRetryRules)
        {
            return true;
        }

        if (response.IsSuccessStatusCode)
        {
            return mapper is IInBodyErrorMapper inBody &&
                await FindInBodyErrorAsync(response, inBody, timeProvider, cancellationToken).ConfigureAwait(false) is { IsTransient: true };
        }

        if (status != (int)HttpStatusCode.TooManyRequests)
        {
            return false;
        }

        var error = await ErrorBodyReader.ReadAsync(response, mapper, timeProvider, cancellationToken).ConfigureAwait(false);
        return mapper.MapError(error).IsTransient;
    }

    /// <summary>
    /// The error inside a successful JSON answer of a protocol that reports failures that way (ERNIE v1, whose official
    /// SDK retries its transient in-body codes: docs/protocols/ernie.md, "v1"). Event streams are never read here.
    /// </summary>
    private static async ValueTask<ChineseLlmException?> FindInBodyErrorAsync(
        HttpResponseMessage response, IInBodyErrorMapper mapper, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is null || !mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // An in-body error is a small document: a body declared larger than an error body can be is not read here; the
        // client reads it under its own bound (MaxResponseBytes).
        if (response.Content.Headers.ContentLength is > ErrorBodyReader.MaxBodyBytes)
        {
            return null;
        }

        // Read at most one error body's worth. A body that ends within it is kept in memory for the client to read
        // again; a longer one is an answer, handed on as that prefix followed by the rest of the connection, so that
        // the client's MaxResponseBytes bound (not this check) decides how much of it is read.
        var original = response.Content;
        var prefix = new MemoryStream();
        Stream rest;
        bool ended;
        try
        {
            rest = await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            ended = await CopyAtMostAsync(rest, prefix, ErrorBodyReader.MaxBodyBytes + 1, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            // The answer was cut short: that failure is the call's (Network, and not retried: an IOException is not
            // a transient outcome here), and a half-read body cannot be handed on, so it surfaces from here.
            response.Dispose();
            throw new IOException("the connection was lost while the answer was read.", ex);
        }

        prefix.Position = 0;
        HttpContent replay = ended
            ? new StreamContent(prefix)
            : new StreamContent(new PrefixedStream(prefix, rest));
        foreach (var header in original.Headers)
        {
            replay.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = replay;
        if (!ended)
        {
            return null;
        }

        original.Dispose();
        var body = await ErrorBodyReader.ReadAsync(response, mapper, timeProvider, cancellationToken).ConfigureAwait(false);
        return mapper.FindInBodyError(body);
    }

    /// <summary>Copies from <paramref name="source"/> until it ends (<see langword="true"/>) or <paramref name="limit"/> bytes were copied.</summary>
    private static async ValueTask<bool> CopyAtMostAsync(Stream source, MemoryStream target, int limit, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (target.Length < limit)
            {
                var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - target.Length)), cancellationToken)
                    .ConfigureAwait(false);
                if (read == 0)
                {
                    return true;
                }

                target.Write(buffer, 0, read);
            }

            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Retried: what the server's <c>x-should-retry</c> says where that header is obeyed (<see cref="RetryDirective"/>),
    /// else transient outcomes; in both cases except those whose stated wait (Retry-After or a vendor's hint) exceeds
    /// <see cref="ProviderDefaults.MaxRetryAfter"/>. Such a wait is neither sat out inside one call nor cut short by a
    /// quick retry the vendor asked us not to make: the error surfaces at once, carrying its RetryAfter.
    /// </summary>
    internal static async ValueTask<bool> ShouldRetryAsync(
        Outcome<HttpResponseMessage> outcome, IProviderErrorMapper mapper, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var retry = RetryDirective(outcome, mapper)
            ?? await IsTransientAsync(outcome, mapper, timeProvider, cancellationToken).ConfigureAwait(false);
        if (!retry)
        {
            return false;
        }

        return await StatedWaitAsync(outcome, mapper, timeProvider, cancellationToken).ConfigureAwait(false) is not { } wait
            || wait <= ProviderDefaults.MaxRetryAfter;
    }

    /// <summary>
    /// The server's own word on an error status, for vendors whose client is openai-python or the Ark SDK: those SDKs
    /// obey <c>x-should-retry: true</c> or <c>false</c> (exact, lower-case values) before any status rule, on error
    /// statuses only (docs/protocols/deepseek.md, "Retries"). <see langword="null"/>: no directive, the status rules decide.
    /// The circuit breaker still counts by status (<see cref="IsTransientAsync"/>): a 500 the server says not to retry
    /// is a failure of its health all the same.
    /// </summary>
    internal static bool? RetryDirective(Outcome<HttpResponseMessage> outcome, IProviderErrorMapper mapper)
    {
        if (!mapper.FollowsOpenAiSdkRetryRules || outcome.Result is not { IsSuccessStatusCode: false } response
            || (int)response.StatusCode < 400
            || !response.Headers.TryGetValues(ShouldRetryHeader, out var values))
        {
            return null;
        }

        // The SDKs read the header's (first) value and compare it exactly.
        return values.FirstOrDefault() switch
        {
            "true" => true,
            "false" => false,
            _ => null,
        };
    }

    private static async ValueTask<TimeSpan?> RetryDelayAsync(
        Outcome<HttpResponseMessage> outcome, IProviderErrorMapper mapper, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        // null: the default exponential backoff with jitter. ShouldRetryAsync already refused waits over the cap.
        var wait = await StatedWaitAsync(outcome, mapper, timeProvider, cancellationToken).ConfigureAwait(false);
        return wait is { } w && w <= ProviderDefaults.MaxRetryAfter ? w : null;
    }

    /// <summary>The wait a 429 or 503 asks for: the Retry-After header, or the vendor's hint in its error message.</summary>
    private static async ValueTask<TimeSpan?> StatedWaitAsync(
        Outcome<HttpResponseMessage> outcome, IProviderErrorMapper mapper, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (outcome.Result is not { StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable } response)
        {
            return null;
        }

        var error = await ErrorBodyReader.ReadAsync(response, mapper, timeProvider, cancellationToken).ConfigureAwait(false);
        return mapper.MapError(error).RetryAfter ?? error.RetryAfter;
    }
}
