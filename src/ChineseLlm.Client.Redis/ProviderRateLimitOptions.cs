namespace ChineseLlm.Client;

/// <summary>
/// A fleet-wide rate limit for one provider, as vendors publish them (requests and tokens per minute), bound from
/// <c>ChineseLlm:Redis:RateLimits:&lt;provider&gt;</c>.
/// </summary>
/// <remarks>
/// The limits are counted in Redis over a sliding one-minute window shared by every instance. A call over a limit is
/// not sent: it fails with <see cref="LlmErrorKind.RateLimited"/> (with <see cref="ChineseLlmException.RetryAfter"/>),
/// which the router treats like a vendor's own 429 and fails over to the next model. Requests are counted before the
/// call; tokens are counted from the usage the provider reports, so a call is refused once the window's tokens have
/// reached the limit.
/// </remarks>
public sealed class ProviderRateLimitOptions
{
    /// <summary>Gets or sets the most requests per minute the fleet sends to the provider.</summary>
    /// <value>The default value is <see langword="null"/>: requests are not limited. When set it must be at least 1.</value>
    public int? RequestsPerMinute { get; set; }

    /// <summary>Gets or sets the most tokens (input and output) per minute the fleet uses at the provider.</summary>
    /// <value>The default value is <see langword="null"/>: tokens are not limited. When set it must be at least 1.</value>
    public long? TokensPerMinute { get; set; }
}
