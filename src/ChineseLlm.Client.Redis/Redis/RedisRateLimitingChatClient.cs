using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace ChineseLlm.Client.Redis;

/// <summary>
/// Wraps one provider's client with the fleet's rate limit for it: a call over the limit fails with
/// <see cref="LlmErrorKind.RateLimited"/> before it is sent (the router fails over, as after a vendor's 429), and the
/// tokens a call used are added to the window when its usage arrives. When Redis cannot be reached the call goes ahead.
/// </summary>
internal sealed class RedisRateLimitingChatClient : DelegatingChatClient
{
    private readonly string _provider;
    private readonly ProviderRateLimitOptions _limits;
    private readonly RedisRateLimiter _limiter;
    private readonly ILogger _logger;
    private readonly LogThrottle _unavailableLog;

    public RedisRateLimitingChatClient(IChatClient innerClient, string provider, ProviderRateLimitOptions limits, RedisRateLimiter limiter, RedisConnection connection)
        : base(innerClient)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(limiter);
        ArgumentNullException.ThrowIfNull(connection);
        _provider = provider;

        // Copied: the client never reads a mutable options object per call.
        _limits = new ProviderRateLimitOptions { RequestsPerMinute = limits.RequestsPerMinute, TokensPerMinute = limits.TokensPerMinute };
        _limiter = limiter;
        _logger = connection.Logger;
        _unavailableLog = new LogThrottle(connection.TimeProvider);
    }

    /// <summary>Gets the wrapped provider client (for tests).</summary>
    internal IChatClient Inner => InnerClient;

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        await AcquireAsync(cancellationToken).ConfigureAwait(false);
        var response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        await RecordAsync(response.Usage).ConfigureAwait(false);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await AcquireAsync(cancellationToken).ConfigureAwait(false);
        UsageDetails? usage = null;
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            foreach (var content in update.Contents)
            {
                if (content is UsageContent { Details: { } details })
                {
                    usage = details;
                }
            }

            yield return update;
        }

        await RecordAsync(usage).ConfigureAwait(false);
    }

    private async Task AcquireAsync(CancellationToken cancellationToken)
    {
        RateLimitDecision decision;
        try
        {
            decision = await _limiter.TryAcquireAsync(_provider, _limits, cancellationToken).ConfigureAwait(false);
        }
        catch (RedisUnavailableException ex)
        {
            if (_unavailableLog.ShouldLog())
            {
                Log.RateLimitUnavailable(_logger, _provider, ex.Message);
            }

            return;
        }

        if (decision.Allowed)
        {
            return;
        }

        var (limit, key) = decision.Limit == "tokens"
            ? (_limits.TokensPerMinute.GetValueOrDefault().ToString(CultureInfo.InvariantCulture) + " tokens", "TokensPerMinute")
            : (_limits.RequestsPerMinute.GetValueOrDefault().ToString(CultureInfo.InvariantCulture) + " requests", "RequestsPerMinute");
        Log.RateLimited(_logger, _provider, limit, decision.RetryAfter);
        throw new ChineseLlmException(
            _provider,
            LlmErrorKind.RateLimited,
            $"the fleet's limit of {limit} per minute ({ChineseLlmRedisOptions.SectionName}:RateLimits:{_provider}:{key}) is reached; the call was not sent.",
            retryAfter: decision.RetryAfter);
    }

    private async Task RecordAsync(UsageDetails? usage)
    {
        if (_limits.TokensPerMinute is null || usage is null)
        {
            return;
        }

        var tokens = usage.TotalTokenCount ?? (usage.InputTokenCount ?? 0) + (usage.OutputTokenCount ?? 0);
        try
        {
            // Not the caller's token: the call has happened and its tokens count.
            await _limiter.RecordTokensAsync(_provider, tokens, CancellationToken.None).ConfigureAwait(false);
        }
        catch (RedisUnavailableException ex)
        {
            if (_unavailableLog.ShouldLog())
            {
                Log.RateLimitUnavailable(_logger, _provider, ex.Message);
            }
        }
    }
}
