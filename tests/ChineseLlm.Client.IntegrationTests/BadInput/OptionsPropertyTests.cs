using System.Globalization;
using ChineseLlm.Client.Faults;
using CsCheck;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChineseLlm.Client.BadInput;

/// <summary>
/// Property-based (CsCheck) tests over the options every provider and the router accept, through
/// <c>AddChineseLlm(IConfiguration)</c> as an app configures them: a generated value is either inside the README's
/// range — and then the client or router is built without throwing — or refused with a message naming the
/// configuration key (and never the secret). CsCheck prints the seed of a failing sample.
/// </summary>
public sealed class OptionsPropertyTests
{
    private const int Iterations = 300;

    private static readonly TimeSpan Min = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Max = TimeSpan.FromDays(1);

    /// <summary>Any TimeSpan, weighted towards the edges of the ranges (where bugs live) and the values that overflow.</summary>
    private static readonly Gen<TimeSpan> AnyTimeSpan = Gen.Frequency(
        (3, Gen.TimeSpan),
        (3, Gen.Long[-TimeSpan.TicksPerDay * 3, TimeSpan.TicksPerDay * 10].Select(TimeSpan.FromTicks)),
        (2, Gen.Long[-TimeSpan.TicksPerSecond, TimeSpan.TicksPerSecond].Select(TimeSpan.FromTicks)),
        (2, Gen.OneOf(
            TimeSpan.MaxValue, TimeSpan.MinValue, TimeSpan.Zero, Timeout.InfiniteTimeSpan, TimeSpan.FromTicks(1), Min, Min - TimeSpan.FromTicks(1),
            Max, Max + TimeSpan.FromTicks(1), TimeSpan.FromDays(7), TimeSpan.FromDays(7) + TimeSpan.FromTicks(1), TimeSpan.FromMinutes(5),
            TimeSpan.FromMilliseconds(int.MaxValue), TimeSpan.FromMilliseconds(int.MaxValue + 1L))));

    private static readonly string[] TimeoutKeys = ["Timeout", "AttemptTimeout", "StreamIdleTimeout"];

    /// <summary>Characters an HTTP header cannot carry, as they arrive pasted from web consoles, files and chats.</summary>
    private static readonly Gen<string> UnsendableInHeader = Gen.Frequency(
        (4, Gen.OneOf("\u200B", "\uFEFF", "\u200D", "\r", "\n", "\r\n", "\t", " ", "\u00A0", "é", "中", "\0", "\u007F", "\u2028", "\u3000", "\uD83D\uDE00", "\uD800")),
        (1, Gen.Char['\u0080', '\uFFFF'].Select(c => c.ToString())),
        (1, Gen.Char['\0', '\u001F'].Select(c => c.ToString())));

    /// <summary>Characters that never belong to a name or password sent as JSON (the Pangu IAM credentials).</summary>
    private static readonly Gen<string> InvisibleOrControl = Gen.OneOf("\u200B", "\uFEFF", "\r", "\n", "\0", "\u001B", "\u2028", "\u2029", "\u0085", "\uD800");

    private static readonly Gen<ProviderProfile> AnyProfile = Gen.OneOf<ProviderProfile>([.. ProviderProfiles.All]);

    [Fact]
    public void ProviderTimeouts_AnyTimeSpan_AcceptedExactlyInsideTheReadmeRangeElseRefusedNamingTheKey()
    {
        Gen.Select(AnyProfile, Gen.OneOf(TimeoutKeys), AnyTimeSpan).Sample(
            (profile, key, value) =>
            {
                var path = $"ChineseLlm:Providers:{profile.SectionName}";
                var settings = Enabled(profile);
                settings[$"{path}:{key}"] = value.ToString("c", CultureInfo.InvariantCulture);
                var expectedValid = key switch
                {
                    "AttemptTimeout" => value >= Min && value <= ProviderDefaults.Timeout, // explicit: within 10 ms – 1 day and not above Timeout (5 min)
                    _ => value == Timeout.InfiniteTimeSpan || (value >= Min && value <= Max),
                };

                AssertAcceptedOrNamed(profile, settings, $"{path}:{key}", expectedValid, value.ToString());
            },
            iter: Iterations);
    }

    [Fact]
    public void RoutingCooldown_AnyTimeSpan_AcceptedFromZeroToSevenDaysElseRefusedNamingTheKey()
    {
        AnyTimeSpan.Sample(
            value =>
            {
                var profile = ProviderProfiles.Get("deepseek");
                var settings = Enabled(profile);
                settings["ChineseLlm:Routing:Cooldown"] = value.ToString("c", CultureInfo.InvariantCulture);

                AssertAcceptedOrNamed(profile, settings, "ChineseLlm:Routing:Cooldown", value >= TimeSpan.Zero && value <= TimeSpan.FromDays(7), value.ToString());
            },
            iter: Iterations);
    }

    [Fact]
    public void Credentials_WithACharacterAHeaderCannotCarry_AreRefusedAtStartNamingTheKeyButNotTheSecret()
    {
        Gen.Select(AnyProfile, Gen.Int[0, 100], UnsendableInHeader, InvisibleOrControl).Sample(
            (profile, where, headerBad, plainBad) =>
            {
                var (key, secret) = profile.Credentials.ElementAt(where % profile.Credentials.Count);
                var bad = key.StartsWith("Iam", StringComparison.Ordinal) ? plainBad : headerBad;
                var at = 1 + (where % (secret.Length - 1)); // inside the value: trimming cannot remove it
                var pasted = secret[..at] + bad + secret[at..];
                var path = $"ChineseLlm:Providers:{profile.SectionName}";
                var settings = Enabled(profile);
                settings[$"{path}:{key}"] = pasted;

                var hint = key.StartsWith("Iam", StringComparison.Ordinal) ? null : $"U+{(int)bad[0]:X4}";
                var message = AssertAcceptedOrNamed(profile, settings, $"{path}:{key}", expectedValid: false, hint);

                AssertNoPartOf(secret, at, message!);
            },
            iter: Iterations);
    }

    [Fact]
    public void Credentials_WithACharacterAHeaderCannotCarry_WithoutDI_ThrowAuthenticationChineseLlmExceptionNotTransient()
    {
        Gen.Select(AnyProfile, Gen.Int[0, 100], UnsendableInHeader, InvisibleOrControl).Sample(
            (profile, where, headerBad, plainBad) =>
            {
                var (key, secret) = profile.Credentials.ElementAt(where % profile.Credentials.Count);
                var bad = key.StartsWith("Iam", StringComparison.Ordinal) ? plainBad : headerBad;
                var at = 1 + (where % (secret.Length - 1));

                var ex = Assert.Throws<ChineseLlmException>(() => profile.CreateClient(
                    new Uri("http://127.0.0.1:1"),
                    o => o.GetType().GetProperty(key)!.SetValue(o, secret[..at] + bad + secret[at..])));

                Assert.Equal((profile.Key, LlmErrorKind.Authentication, false), (ex.Provider, ex.Kind, ex.IsTransient));
                Assert.Contains(key, ex.Message, StringComparison.Ordinal);
                AssertNoPartOf(secret, at, ex.Message);
            },
            iter: Iterations);
    }

    /// <summary>The other side of the property: surrounding whitespace (a key read from a file ends in a line break) is trimmed, not refused.</summary>
    [Fact]
    public void Credentials_SurroundedByWhitespace_AreAccepted()
    {
        var whitespace = Gen.OneOf("", " ", "\n", "\r\n", "\t", " \n");
        Gen.Select(AnyProfile, Gen.Int[0, 100], whitespace, whitespace).Sample(
            (profile, where, before, after) =>
            {
                var (key, secret) = profile.Credentials.ElementAt(where % profile.Credentials.Count);
                var settings = Enabled(profile);
                settings[$"ChineseLlm:Providers:{profile.SectionName}:{key}"] = before + secret + after;

                AssertAcceptedOrNamed(profile, settings, key, expectedValid: true, hint: null);
            },
            iter: 100);
    }

    [Fact]
    public void UriOptions_AnythingButAnAbsoluteHttpUriWithAHost_AreRefusedNamingTheKey()
    {
        string[] bad = ["ftp://example.com", "file:///etc/passwd", "mailto:ops@example.com", "api.example.com/v1", "/v1", "example.com:443",
            "http://user:SECRETpw@example.com/", "https://example.com/v1#frag", "ws://example.com", "urn:isbn:0451450523"];
        string[] good = ["http://127.0.0.1:1", "https://example.com", "https://example.com/api/v2/", "http://[::1]:8080/x"];
        (string Profile, string Key)[] uriKeys = [.. ProviderProfiles.All.Select(p => (p.Id, "Endpoint")), ("ernie-v1", "TokenEndpoint"), ("pangu-iam", "IamEndpoint")];
        Gen.Select(Gen.OneOf(uriKeys), Gen.Frequency((3, Gen.OneOf(bad)), (1, Gen.OneOf(good)))).Sample(
            (target, value) =>
            {
                var profile = ProviderProfiles.Get(target.Profile);
                var path = $"ChineseLlm:Providers:{profile.SectionName}";
                var settings = Enabled(profile);
                settings[$"{path}:{target.Key}"] = value;

                var message = AssertAcceptedOrNamed(profile, settings, $"{path}:{target.Key}", good.Contains(value), hint: null);
                Assert.DoesNotContain("SECRETpw", message ?? string.Empty, StringComparison.Ordinal);
            },
            iter: 150);
    }

    /// <summary>Neither the secret nor either side of where the bad character went (when long enough to mean anything) is in the message.</summary>
    private static void AssertNoPartOf(string secret, int at, string message)
    {
        Assert.DoesNotContain(secret, message, StringComparison.Ordinal);
        foreach (var part in new[] { secret[..at], secret[at..] }.Where(p => p.Length >= 8))
        {
            Assert.DoesNotContain(part, message, StringComparison.Ordinal);
        }
    }

    /// <summary>The settings that enable <paramref name="profile"/> against a (closed) local server.</summary>
    private static Dictionary<string, string?> Enabled(ProviderProfile profile)
    {
        var path = $"ChineseLlm:Providers:{profile.SectionName}";
        var server = new Uri("http://127.0.0.1:1/");
        var settings = profile.Credentials.ToDictionary(c => $"{path}:{c.Key}", c => (string?)c.Value);
        settings[$"{path}:Endpoint"] = profile.EndpointFor(server).ToString();
        foreach (var (key, value) in profile.ServerSettings(server))
        {
            settings[$"{path}:{key}"] = value;
        }

        return settings;
    }

    /// <summary>
    /// Builds the container and resolves the options, the provider's keyed client and the router. When the value is
    /// expected valid nothing may throw; otherwise an <see cref="OptionsValidationException"/> must name
    /// <paramref name="key"/> (and contain <paramref name="hint"/>). Returns the error message, if any.
    /// </summary>
    private static string? AssertAcceptedOrNamed(ProviderProfile profile, Dictionary<string, string?> settings, string key, bool expectedValid, string? hint)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddChineseLlm(configuration.GetSection("ChineseLlm"));
        using var provider = services.BuildServiceProvider();
        try
        {
            _ = provider.GetRequiredService<IOptions<ChineseLlmOptions>>().Value;
            _ = provider.GetRequiredKeyedService<IChatClient>(profile.Key);
            _ = provider.GetRequiredService<IChatClient>();
        }
        catch (OptionsValidationException ex)
        {
            Assert.False(expectedValid, $"{key} = {Describe(settings, key)} was refused: {ex.Message}");
            Assert.Contains(key, ex.Message, StringComparison.Ordinal);
            if (hint is not null)
            {
                Assert.Contains(hint, ex.Message, StringComparison.Ordinal);
            }

            return ex.Message;
        }

        Assert.True(expectedValid, $"{key} = {Describe(settings, key)} was accepted");
        return null;
    }

    private static string Describe(Dictionary<string, string?> settings, string key) =>
        settings.TryGetValue(key, out var value) ? $"'{value}'" : "(see the sample)";
}
