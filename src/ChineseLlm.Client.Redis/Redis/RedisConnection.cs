using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace ChineseLlm.Client.Redis;

/// <summary>
/// The Redis connection fleet mode uses: one the app passed in (not disposed here), or one made from
/// <see cref="ChineseLlmRedisOptions.ConnectionString"/> on first use (disposed with this object). Every operation is
/// bounded by <see cref="ChineseLlmRedisOptions.OperationTimeout"/>, so an unreachable Redis costs a call that much at
/// most, and it is usually far less: the connection fails commands at once while it is down and reconnects by itself.
/// </summary>
internal sealed class RedisConnection : IAsyncDisposable, IDisposable
{
    /// <summary>
    /// The clock of the network bounds (<see cref="OperationTimeout"/>, <see cref="ConnectTimeout"/>): the system's,
    /// because Redis answers in real time (as the client library's own timeouts run) whatever clock the app injects to
    /// date its reservations and periods. A test's fake clock would otherwise turn the bound off.
    /// </summary>
    private static readonly TimeProvider NetworkClock = TimeProvider.System;

    private readonly Lock _gate = new();
    private readonly ConfigurationOptions? _configuration;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private Task<IConnectionMultiplexer>? _connecting;
    private IConnectionMultiplexer? _multiplexer;
    private long _connectDeadline;
    private bool _disposed;

    /// <summary>Uses a connection the app owns.</summary>
    public RedisConnection(IConnectionMultiplexer multiplexer, ChineseLlmRedisOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
        : this(options, timeProvider, loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(multiplexer);
        _multiplexer = multiplexer;
        _connecting = Task.FromResult(multiplexer);
        OwnsConnection = false;
    }

    /// <summary>Connects with <see cref="ChineseLlmRedisOptions.ConnectionString"/> on first use.</summary>
    public RedisConnection(ChineseLlmRedisOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Keys = new RedisKeys(options.KeyPrefix);
        OperationTimeout = options.OperationTimeout;
        ConnectTimeout = options.ConnectTimeout;
        KeyRetention = options.KeyRetention;
        WhenUnavailable = options.WhenUnavailable;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)loggerFactory?.CreateLogger("ChineseLlm.Client.Redis") ?? NullLogger.Instance;
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            _configuration = CreateConfiguration(options);
        }

        OwnsConnection = true;
    }

    public RedisKeys Keys { get; }

    public TimeSpan OperationTimeout { get; }

    public TimeSpan ConnectTimeout { get; }

    public TimeSpan KeyRetention { get; }

    public RedisUnavailablePolicy WhenUnavailable { get; }

    public bool OwnsConnection { get; }

    public TimeProvider TimeProvider => _timeProvider;

    public ILogger Logger => _logger;

    /// <summary>
    /// The client settings for <paramref name="options"/>: the connection string's, with the library's own on top —
    /// connect in the background and reconnect (<c>abortConnect=false</c>), the two timeouts, and fail commands at once
    /// while disconnected instead of queueing them.
    /// </summary>
    public static ConfigurationOptions CreateConfiguration(ChineseLlmRedisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configuration = ConfigurationOptions.Parse(options.ConnectionString ?? string.Empty);
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = (int)options.ConnectTimeout.TotalMilliseconds;
        configuration.SyncTimeout = (int)options.OperationTimeout.TotalMilliseconds;
        configuration.AsyncTimeout = (int)options.OperationTimeout.TotalMilliseconds;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;

        // One attempt within ConnectTimeout, then the client keeps reconnecting in the background.
        configuration.ConnectRetry = 1;
        configuration.ClientName ??= RedisDefaults.ClientName;
        return configuration;
    }

    /// <summary>Runs one Redis operation, bounded by <see cref="OperationTimeout"/> (plus the connect time on first use) and the caller's token.</summary>
    /// <exception cref="RedisUnavailableException">Redis did not answer in time, or the connection is down.</exception>
    public async Task<T> RunAsync<T>(Func<IDatabase, Task<T>> operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        try
        {
            var multiplexer = await GetMultiplexerAsync(cancellationToken).ConfigureAwait(false);
            return await operation(multiplexer.GetDatabase()).WaitAsync(OperationTimeout, NetworkClock, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException or System.Net.Sockets.SocketException or IOException)
        {
            throw new RedisUnavailableException(Describe(ex), ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!TryBeginDispose(out var owned, out var connecting))
        {
            return;
        }

        if (owned is null && connecting is not null)
        {
            try
            {
                owned = await connecting.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or IOException)
            {
                // Never connected: nothing to close.
            }
        }

        if (owned is not null)
        {
            await owned.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Closes an owned connection synchronously, for a service provider disposed with <c>Dispose()</c> (<c>using var sp = …</c>).
    /// A connection still being made is closed when it completes; this never blocks on it.
    /// </summary>
    public void Dispose()
    {
        if (!TryBeginDispose(out var owned, out var connecting))
        {
            return;
        }

        if (owned is not null)
        {
            owned.Dispose();
        }
        else if (connecting is not null)
        {
            _ = connecting.ContinueWith(
                static t =>
                {
                    if (t.IsCompletedSuccessfully)
                    {
                        t.Result.Dispose();
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    /// <summary>Marks the connection disposed once; returns what this instance owns and must close.</summary>
    private bool TryBeginDispose(out IConnectionMultiplexer? owned, out Task<IConnectionMultiplexer>? connecting)
    {
        lock (_gate)
        {
            owned = null;
            connecting = null;
            if (_disposed)
            {
                return false;
            }

            _disposed = true;
            if (OwnsConnection)
            {
                owned = _multiplexer;
                connecting = _connecting;
            }

            return true;
        }
    }

    private async Task<IConnectionMultiplexer> GetMultiplexerAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _multiplexer) is { } ready)
        {
            return ready;
        }

        Task<IConnectionMultiplexer> connecting;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_configuration is null)
            {
                throw new InvalidOperationException($"{ChineseLlmRedisOptions.SectionName}:ConnectionString is not set and no connection was passed to UseRedis.");
            }

            if (_connecting is null)
            {
                _connectDeadline = NetworkClock.GetTimestamp() + (long)((ConnectTimeout + OperationTimeout).TotalSeconds * NetworkClock.TimestampFrequency);
                _connecting = ConnectAsync(_configuration);
            }

            connecting = _connecting;
        }

        // Operations wait for the first connect only within its window (ConnectTimeout plus a handshake); past it they
        // fail at once while the client library goes on trying, instead of each waiting a full window again.
        var remaining = _connectDeadline - NetworkClock.GetTimestamp();
        if (remaining <= 0 && !connecting.IsCompleted)
        {
            throw new RedisUnavailableException("still connecting to Redis");
        }

        var window = TimeSpan.FromSeconds(Math.Max(0, remaining) / (double)NetworkClock.TimestampFrequency);
        return await connecting.WaitAsync(window, NetworkClock, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IConnectionMultiplexer> ConnectAsync(ConfigurationOptions configuration)
    {
        try
        {
            var multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
            multiplexer.ConnectionFailed += OnConnectionFailed;
            multiplexer.ConnectionRestored += OnConnectionRestored;
            if (!multiplexer.IsConnected)
            {
                Log.NotConnectedYet(_logger, ConnectTimeout);
            }

            lock (_gate)
            {
                if (_disposed)
                {
                    multiplexer.Dispose();
                    throw new ObjectDisposedException(nameof(RedisConnection));
                }

                _multiplexer = multiplexer;
            }

            return multiplexer;
        }
        catch (Exception ex) when (ex is not ObjectDisposedException)
        {
            // Let the next operation try again rather than remember a failure forever.
            lock (_gate)
            {
                _connecting = null;
            }

            throw;
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        var endPoint = e.EndPoint?.ToString() ?? "?";
        Log.ConnectionFailed(_logger, endPoint, e.FailureType, e.Exception?.Message);
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        var endPoint = e.EndPoint?.ToString() ?? "?";
        Log.ConnectionRestored(_logger, endPoint);
    }

    private static string Describe(Exception exception) => exception switch
    {
        TimeoutException => "Redis did not answer in time",
        ObjectDisposedException => "the Redis connection was closed",
        RedisConnectionException connection => "no connection to Redis (" + connection.FailureType + ")",
        _ => "Redis failed (" + exception.GetType().Name + ")",
    };
}
