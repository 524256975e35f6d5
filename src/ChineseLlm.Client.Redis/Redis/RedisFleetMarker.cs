namespace ChineseLlm.Client.Redis;

/// <summary>Registered once by <c>UseRedis</c>, so that calling it again does not wrap the provider clients twice.</summary>
internal sealed class RedisFleetMarker;
