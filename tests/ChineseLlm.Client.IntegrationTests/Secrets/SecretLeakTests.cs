using ChineseLlm.Client.Faults;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using static ChineseLlm.Client.Faults.FaultResponses;

namespace ChineseLlm.Client.Secrets;

/// <summary>
/// Drives every provider through success and failure paths — plain and streamed answers, 401, 429 retried, 5xx,
/// connection reset, malformed JSON, an error event in a stream, a stalled server, and calls through the router —
/// with logging at Trace, every ActivitySource and Meter listened to, and then scans everything a user or operator
/// could see for the configured secrets and for every credential that went over the wire (bearer keys, JWTs, TC3
/// signatures, OAuth and IAM tokens). None may appear.
/// </summary>
[Collection(ChineseLlm.Client.Telemetry.ActivityListenerTestGroup.Name)]
public sealed class SecretLeakTests
{
    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task EveryPath_SecretsNeverAppearInErrorsLogsTelemetryOrToString(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        using var scanner = new LeakScanner();
        var scenario = Scenario.Ok;
        var chat = profile.Read(profile.ChatFixture);
        var stream = profile.Read(profile.StreamFixture);
        await using var server = await FaultServer.StartAsync((context, hit) => Answer(scenario, profile, chat, stream)(context, hit));
        profile.Prepare(server);
        using var host = BuildHost(profile, server.BaseUri, scanner);
        await host.StartAsync();
        var client = host.Services.GetRequiredKeyedService<IChatClient>(profile.Key);
        var router = host.Services.GetRequiredService<IChatClient>();

        foreach (var next in Enum.GetValues<Scenario>())
        {
            scenario = next;
            await DriveAsync(client, next, scanner);
        }

        scenario = Scenario.Ok;
        await DriveAsync(router, Scenario.Ok, scanner, "router");
        scenario = Scenario.ServerError;
        await DriveAsync(router, Scenario.ServerError, scanner, "router");

        // Everything else a user can print.
        var options = host.Services.GetRequiredService<IOptions<ChineseLlmOptions>>().Value;
        scanner.Add("options ToString", string.Join(" | ", typeof(ChineseLlmProviders).GetProperties().Select(p => p.GetValue(options.Providers)?.ToString())));
        scanner.Add("new options ToString", profile.NewOptions().ToString());
        scanner.Add("client ToString", client.ToString());
        scanner.Add("client metadata", client.GetService<ChatClientMetadata>() is { } m ? $"{m.ProviderName} {m.ProviderUri} {m.DefaultModelId}" : null);
        await host.StopAsync();

        var secrets = profile.SecretValues.Concat(server.CredentialsSeen.Keys).Where(s => s.Length >= 8).Distinct(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(server.CredentialsSeen); // the credentials did go over the wire…
        Assert.Contains(scanner.Logs.GetSnapshot(), r => r.Level <= LogLevel.Debug); // …the scan saw detailed logs…
        Assert.True(scanner.ActivityCount > 0 && scanner.MeasurementCount > 0, "the scan saw activities and metrics");
        var leaks = scanner.FindLeaks(secrets); // …and none of them leaked
        Assert.True(leaks.Count == 0, $"{leaks.Count} leaks in {scanner.TextCount} texts:{Environment.NewLine}{string.Join(Environment.NewLine, leaks.Take(20))}");
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public void OptionsAndValidation_NeverPrintCredentials(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        using var scanner = new LeakScanner();
        var options = profile.NewOptions();
        scanner.Add("ToString", options.ToString());
        options.Endpoint = new Uri("ftp://example.com");
        options.MaxRetryAttempts = -1;
        var invalid = Assert.Throws<ArgumentException>(() => profile.CreateClient(new Uri("http://127.0.0.1:1"), o =>
        {
            o.MaxRetryAttempts = -1;
            o.Timeout = TimeSpan.Zero;
        }));
        scanner.Add(invalid);

        Assert.Empty(scanner.FindLeaks([.. profile.SecretValues]));
    }

    private enum Scenario
    {
        Ok,
        Stream,
        Unauthorized,
        RateLimitedThenOk,
        ServerError,
        Reset,
        MalformedJson,
        ErrorEventInStream,
        Stall,
    }

    private static FaultHandler Answer(Scenario scenario, ProviderProfile profile, string chat, string stream) => scenario switch
    {
        Scenario.Ok => Json(chat),
        Scenario.Stream => Sse(stream),
        Scenario.Unauthorized => Status(401, profile.ErrorInOkBody.Body),
        Scenario.RateLimitedThenOk => (context, hit) => (hit % 2 == 1
            ? Status(429, profile.RateLimitBody, "application/json", ("Retry-After", "0"))
            : Json(chat))(context, hit),
        Scenario.ServerError => Status(503, """{"error":{"message":"service unavailable","type":"server_error"}}""", "application/json", ("Retry-After", "0")),
        Scenario.Reset => ResetBeforeHeaders(),
        Scenario.MalformedJson => Json(chat[..(chat.Length / 2)]),
        Scenario.ErrorEventInStream => Sse(profile.ErrorEventInStream.Transcript),
        Scenario.Stall => StallBeforeHeaders(),
        _ => Status(500, "unknown scenario", "text/plain"),
    };

    private static async Task DriveAsync(IChatClient client, Scenario scenario, LeakScanner scanner, string via = "provider")
    {
        try
        {
            if (scenario is Scenario.Stream or Scenario.ErrorEventInStream)
            {
                var updates = await client.GetStreamingResponseAsync(FaultRun.Hello).ToListAsync().AsTask().WaitAsync(FaultRun.HangLimit);
                scanner.Add($"{via} {scenario} response", updates.ToChatResponse().ToString());
            }
            else
            {
                var response = await client.GetResponseAsync(FaultRun.Hello).WaitAsync(FaultRun.HangLimit);
                scanner.Add($"{via} {scenario} response", response.ToString());
                foreach (var (key, value) in response.AdditionalProperties ?? [])
                {
                    scanner.Add($"{via} {scenario} response property", $"{key}={value}");
                }
            }
        }
        catch (Exception ex) when (ex is not TimeoutException)
        {
            scanner.Add(ex);
        }
    }

    private static IHost BuildHost(ProviderProfile profile, Uri baseUri, LeakScanner scanner)
    {
        var path = $"ChineseLlm:Providers:{profile.SectionName}";
        var settings = profile.Credentials.ToDictionary(c => $"{path}:{c.Key}", c => (string?)c.Value);
        settings[$"{path}:Endpoint"] = profile.EndpointFor(baseUri).ToString();
        foreach (var (key, value) in profile.ServerSettings(baseUri))
        {
            settings[$"{path}:{key}"] = value;
        }

        settings[$"{path}:MaxRetryAttempts"] = "1";
        settings[$"{path}:Timeout"] = "00:00:05";
        settings[$"{path}:AttemptTimeout"] = "00:00:00.300";
        settings[$"{path}:StreamIdleTimeout"] = "00:00:00.300";
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(new FakeLoggerProvider(scanner.Logs));
        builder.Services.AddChineseLlm(builder.Configuration.GetSection("ChineseLlm"));
        return builder.Build();
    }
}
