using ChineseLlm.Client.Faults;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChineseLlm.Client.BadInput;

/// <summary>
/// Bad configuration fails when the host starts (AddChineseLlm + ValidateOnStart), with a message that names the
/// configuration key, for every provider — and a valid configuration, including the README's, starts and works.
/// </summary>
public sealed class OptionsValidationTests
{
    public static TheoryData<string, string, string, string> BadValues()
    {
        var data = new TheoryData<string, string, string, string>();
        // One row per provider key: several profiles (a vendor's two protocols) share one configuration section.
        foreach (var provider in ProviderProfiles.All.Select(p => p.Key).Distinct(StringComparer.Ordinal))
        {
            // provider, key, bad value, text the message must contain besides the key
            data.Add(provider, "Endpoint", "api.example.com/v1", "absolute");
            data.Add(provider, "Endpoint", "ftp://api.example.com", "http");
            data.Add(provider, "Timeout", "00:00:00", "positive");
            data.Add(provider, "Timeout", "-00:00:05", "positive");
            data.Add(provider, "Timeout", "00:00:00.001", "Timeout");
            data.Add(provider, "Timeout", "2.00:00:00", "Timeout");
            data.Add(provider, "AttemptTimeout", "00:00:00", "positive");
            data.Add(provider, "AttemptTimeout", "00:00:00.001", "AttemptTimeout");
            data.Add(provider, "MaxRetryAttempts", "-1", "between");
            data.Add(provider, "MaxRetryAttempts", "11", "between");
            data.Add(provider, "StreamIdleTimeout", "00:00:00", "positive");
            data.Add(provider, "Timeout", "five minutes", "TimeSpan");
            data.Add(provider, "MaxRetryAttempts", "two", "Int32");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task StartAsync_BadProviderSetting_FailsAtStartNamingTheKey(string provider, string key, string value, string hint)
    {
        var profile = ProviderProfiles.Get(provider);
        var path = $"ChineseLlm:Providers:{profile.SectionName}";
        var settings = Credentials(profile);
        settings[$"{path}:{key}"] = value;

        // A value of the wrong type fails already in AddChineseLlm (the binder); a wrong value when the host starts.
        var ex = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var host = BuildHost(settings);
            await host.StartAsync();
        });

        var message = Flatten(ex);
        Assert.Contains($"{path}:{key}", message, StringComparison.Ordinal);
        Assert.Contains(hint, message, StringComparison.Ordinal);
        foreach (var secret in profile.SecretValues)
        {
            Assert.DoesNotContain(secret, message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task StartAsync_AttemptTimeoutLongerThanTimeout_FailsNamingBothKeys(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        var path = $"ChineseLlm:Providers:{profile.SectionName}";
        var settings = Credentials(profile);
        settings[$"{path}:Timeout"] = "00:00:30";
        settings[$"{path}:AttemptTimeout"] = "00:01:00";
        using var host = BuildHost(settings);

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains($"{path}:AttemptTimeout", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"{path}:Timeout", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task StartAsync_SeveralBadSettings_ReportsEveryKeyAtOnce(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        var path = $"ChineseLlm:Providers:{profile.SectionName}";
        var settings = Credentials(profile);
        settings[$"{path}:Endpoint"] = "not-a-uri";
        settings[$"{path}:MaxRetryAttempts"] = "99";
        settings[$"{path}:StreamIdleTimeout"] = "-00:00:01";
        using var host = BuildHost(settings);

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains($"{path}:Endpoint", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"{path}:MaxRetryAttempts", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"{path}:StreamIdleTimeout", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task StartAsync_ProviderWithoutCredentialsButBadSetting_StillFailsNamingTheKey(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        var path = $"ChineseLlm:Providers:{profile.SectionName}";
        using var host = BuildHost(new Dictionary<string, string?> { [$"{path}:Endpoint"] = "ftp://example.com" });

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains($"{path}:Endpoint", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>The README's example: only <c>Timeout</c> is set, shorter than the default attempt timeout.</summary>
    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task StartAsync_OnlyTimeoutSetShorterThanTheDefaultAttemptTimeout_StartsAndCalls(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        await using var server = await FaultServer.StartAsync(FaultResponses.Json(profile.Read(profile.ChatFixture)));
        profile.Prepare(server);
        var path = $"ChineseLlm:Providers:{profile.SectionName}";
        var settings = Credentials(profile);
        settings[$"{path}:Endpoint"] = profile.EndpointFor(server.BaseUri).ToString();
        foreach (var (key, value) in profile.ServerSettings(server.BaseUri))
        {
            settings[$"{path}:{key}"] = value;
        }

        settings[$"{path}:Timeout"] = "00:02:00";
        using var host = BuildHost(settings);

        await host.StartAsync();
        var client = host.Services.GetRequiredKeyedService<IChatClient>(profile.Key);
        var response = await client.GetResponseAsync(FaultRun.Hello);

        Assert.Contains(profile.ChatText, response.Text, StringComparison.Ordinal);
        await host.StopAsync();
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task StartAsync_InfiniteTimeout_StartsAndCalls(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        await using var server = await FaultServer.StartAsync(FaultResponses.Json(profile.Read(profile.ChatFixture)));
        profile.Prepare(server);
        var path = $"ChineseLlm:Providers:{profile.SectionName}";
        var settings = Credentials(profile);
        settings[$"{path}:Endpoint"] = profile.EndpointFor(server.BaseUri).ToString();
        foreach (var (key, value) in profile.ServerSettings(server.BaseUri))
        {
            settings[$"{path}:{key}"] = value;
        }

        settings[$"{path}:Timeout"] = Timeout.InfiniteTimeSpan.ToString();
        settings[$"{path}:StreamIdleTimeout"] = Timeout.InfiniteTimeSpan.ToString();
        using var host = BuildHost(settings);

        await host.StartAsync();
        var client = host.Services.GetRequiredKeyedService<IChatClient>(profile.Key);
        var response = await client.GetResponseAsync(FaultRun.Hello);

        Assert.Contains(profile.ChatText, response.Text, StringComparison.Ordinal);
        await host.StopAsync();
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public void Constructor_BadOptions_ThrowsArgumentExceptionNamingTheSetting(string provider)
    {
        var profile = ProviderProfiles.Get(provider);

        var ex = Assert.Throws<ArgumentException>(() => profile.CreateClient(new Uri("http://127.0.0.1:1"), o => o.MaxRetryAttempts = 42));

        Assert.Contains("MaxRetryAttempts", ex.Message, StringComparison.Ordinal);
        foreach (var secret in profile.SecretValues)
        {
            Assert.DoesNotContain(secret, ex.Message, StringComparison.Ordinal);
        }
    }

    private static Dictionary<string, string?> Credentials(ProviderProfile profile) =>
        profile.Credentials.ToDictionary(c => $"ChineseLlm:Providers:{profile.SectionName}:{c.Key}", c => (string?)c.Value);

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Services.AddChineseLlm(builder.Configuration.GetSection("ChineseLlm"));
        return builder.Build();
    }

    private static string Flatten(Exception ex)
    {
        var parts = new List<string>();
        for (var e = ex; e is not null; e = e.InnerException)
        {
            parts.Add(e.Message);
        }

        return string.Join(" | ", parts);
    }
}
