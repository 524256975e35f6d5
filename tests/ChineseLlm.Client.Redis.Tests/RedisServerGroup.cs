namespace ChineseLlm.Client;

/// <summary>Tests that share the one <see cref="RedisServerFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class RedisServerGroup : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "Redis";
}
