using ChineseLlm.Client.Redis;
using Microsoft.Extensions.Options;

namespace ChineseLlm.Client.DependencyInjection;

/// <summary>Validates <see cref="ChineseLlmRedisOptions"/> at start-up; every message names the configuration key at fault.</summary>
/// <param name="connectionSupplied">Whether <c>UseRedis</c> was given a connection, so no connection string is needed.</param>
internal sealed class ChineseLlmRedisOptionsValidator(bool connectionSupplied) : IValidateOptions<ChineseLlmRedisOptions>
{
    public bool ConnectionSupplied { get; } = connectionSupplied;

    public ValidateOptionsResult Validate(string? name, ChineseLlmRedisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string Path = ChineseLlmRedisOptions.SectionName;
        var builder = new ValidateOptionsResultBuilder();
        if (!ConnectionSupplied && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            builder.AddError($"{Path}:ConnectionString is required (or pass a connection to UseRedis).");
        }

        if (string.IsNullOrEmpty(options.KeyPrefix) || options.KeyPrefix.Length > RedisDefaults.MaxKeyPrefixLength || !options.KeyPrefix.All(IsPrefixChar))
        {
            builder.AddError($"{Path}:KeyPrefix must be 1 to {RedisDefaults.MaxKeyPrefixLength} characters of letters, digits, '.', '_', '-' and ':' (got '{options.KeyPrefix}').");
        }

        if (options.ConnectTimeout < RedisDefaults.MinConnectTimeout || options.ConnectTimeout > RedisDefaults.MaxTimeout)
        {
            builder.AddError($"{Path}:ConnectTimeout must be between {RedisDefaults.MinConnectTimeout} and {RedisDefaults.MaxTimeout} (got {options.ConnectTimeout}).");
        }

        if (options.OperationTimeout < RedisDefaults.MinOperationTimeout || options.OperationTimeout > RedisDefaults.MaxTimeout)
        {
            builder.AddError($"{Path}:OperationTimeout must be between {RedisDefaults.MinOperationTimeout} and {RedisDefaults.MaxTimeout} (got {options.OperationTimeout}).");
        }

        if (!Enum.IsDefined(options.WhenUnavailable))
        {
            builder.AddError($"{Path}:WhenUnavailable must be FailClosed or FailOpen (got {(int)options.WhenUnavailable}).");
        }

        if (options.KeyRetention < RedisDefaults.MinKeyRetention || options.KeyRetention > RedisDefaults.MaxKeyRetention)
        {
            builder.AddError($"{Path}:KeyRetention must be between {RedisDefaults.MinKeyRetention.TotalDays} and {RedisDefaults.MaxKeyRetention.TotalDays} days, longer than the longest budget period (got {options.KeyRetention}).");
        }

        foreach (var (provider, limits) in options.RateLimits)
        {
            var path = $"{Path}:RateLimits:{provider}";
            if (string.IsNullOrWhiteSpace(provider) || provider.AsSpan().IndexOfAny('{', '}') >= 0)
            {
                builder.AddError($"{path} does not name a provider key.");
            }

            if (limits is null)
            {
                builder.AddError($"{path} must not be null.");
                continue;
            }

            if (limits.RequestsPerMinute is < 1)
            {
                builder.AddError($"{path}:RequestsPerMinute must be at least 1 when set (got {limits.RequestsPerMinute}).");
            }

            if (limits.TokensPerMinute is < 1)
            {
                builder.AddError($"{path}:TokensPerMinute must be at least 1 when set (got {limits.TokensPerMinute}).");
            }
        }

        return builder.Build();
    }

    private static bool IsPrefixChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or ':';
}
