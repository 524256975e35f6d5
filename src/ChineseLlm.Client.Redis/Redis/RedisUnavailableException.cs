namespace ChineseLlm.Client.Redis;

/// <summary>Redis could not be reached or did not answer in time (inside fleet mode; never surfaces to callers as itself).</summary>
internal sealed class RedisUnavailableException : Exception
{
    public RedisUnavailableException()
    {
    }

    public RedisUnavailableException(string message)
        : base(message)
    {
    }

    public RedisUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
