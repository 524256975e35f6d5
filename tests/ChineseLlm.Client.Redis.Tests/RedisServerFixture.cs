using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace ChineseLlm.Client;

/// <summary>
/// The real redis-server the fleet-mode tests run against: the one at <c>CHINESELLM_TEST_REDIS</c> (host:port; set by
/// <c>.ci/run</c>, which installs and starts it), else a private one started here on a free loopback port when
/// <c>redis-server</c> is installed. Without either the tests fail with instructions — they never skip.
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    public const string EnvironmentVariable = "CHINESELLM_TEST_REDIS";

    private Process? _server;
    private ConnectionMultiplexer? _admin;

    /// <summary>Gets the host:port of the server.</summary>
    public string EndPoint { get; private set; } = string.Empty;

    /// <summary>Gets a connection for the tests' own checks (reading keys, TTLs).</summary>
    public IConnectionMultiplexer Admin => _admin ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>Makes the server hold every write (scripts included) for <paramref name="duration"/>, as an overloaded or failing-over Redis would.</summary>
    public Task PauseWritesAsync(TimeSpan duration)
        => Admin.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", ((long)duration.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture), "WRITE");

    /// <summary>Gets a key prefix no other test uses, so tests can share the server and run in parallel.</summary>
    public static string NewPrefix() => "test-" + Guid.NewGuid().ToString("N")[..12];

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            EndPoint = configured.Trim();
        }
        else
        {
            var port = FreePort();
            EndPoint = "127.0.0.1:" + port;
            _server = StartServer(port);
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            try
            {
                _admin = await ConnectionMultiplexer.ConnectAsync($"{EndPoint},abortConnect=true,connectTimeout=1000,syncTimeout=10000,asyncTimeout=10000,allowAdmin=true");
                await _admin.GetDatabase().PingAsync();
                return;
            }
            catch (RedisConnectionException) when (_server is not null && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            catch (RedisConnectionException ex)
            {
                throw new InvalidOperationException(
                    $"No Redis server answers at {EndPoint} ({EnvironmentVariable}={configured ?? "unset"}). The fleet-mode tests need a real redis-server: " +
                    "run them through .ci/run (which installs and starts one), or install redis-server (apt-get install redis-server).", ex);
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_admin is not null)
        {
            await _admin.DisposeAsync();
        }

        if (_server is { HasExited: false })
        {
            _server.Kill();
            await _server.WaitForExitAsync();
        }

        _server?.Dispose();
    }

    private static Process StartServer(int port)
    {
        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--bind", "127.0.0.1", "--port", port.ToString(), "--save", "", "--appendonly", "no", "--daemonize", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return process;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set and redis-server is not installed. The fleet-mode tests need a real redis-server: " +
                "run them through .ci/run (which installs and starts one), or install redis-server (apt-get install redis-server).", ex);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
