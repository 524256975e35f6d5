using System.Globalization;
using System.Text.RegularExpressions;
using ChineseLlm.Client.Faults;
using Microsoft.AspNetCore.Http;
using CsCheck;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.BadInput;

/// <summary>
/// Property-based (CsCheck) tests over every number and date a vendor sends, through a loopback Kestrel server: the
/// vendors' own fixtures (tests/Payloads/&lt;provider&gt;/) with one field replaced by a generated value — a
/// <c>created</c> far outside .NET's dates, token counts negative or past Int64, a <c>Retry-After</c> huge, negative or
/// a date in year 9999, an OAuth <c>expires_in</c> of 10^12 s, an IAM <c>expires_at</c> of year 1. The only outcomes
/// allowed: an answer whose numbers are sane (no negative token count, a date or nothing), or a
/// <see cref="ChineseLlmException"/> of the provider — never ArgumentOutOfRangeException, OverflowException, ….
/// </summary>
public sealed partial class VendorNumberPropertyTests
{
    private const int IterationsPerProperty = 120;

    /// <summary>JSON number texts: any Int64, and the texts that do not fit one (or fit only a double).</summary>
    private static readonly Gen<string> AnyNumberText = Gen.Frequency(
        (4, Gen.Long.Select(n => n.ToString(CultureInfo.InvariantCulture))),
        (2, Gen.Long[-100, 100].Select(n => n.ToString(CultureInfo.InvariantCulture))),
        (2, Gen.OneOf(
            "1e300", "-1e300", "99999999999999999999999", "-99999999999999999999999", "1.5", "-0", "0", "2147483648", "-2147483649",
            "9223372036854775807", "-9223372036854775808", "253402300800", "-62135596801", "1000000000000", "\"12\"", "null", "\"\"")));

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task CreatedAndTokenCounts_AnyNumber_AnswerWithSaneNumbersOrChineseLlmException(string id)
    {
        var profile = ProviderProfiles.Get(id);
        var chat = profile.Read(profile.ChatFixture);
        var stream = profile.Read(profile.StreamFixture);
        Assert.True(NumberField().IsMatch(chat) || NumberField().IsMatch(stream), $"{id}: the fixtures have no created or token field to vary");
        await using var server = await FaultServer.StartAsync();
        profile.Prepare(server);
        using var client = profile.CreateClient(server.BaseUri, o => o.MaxRetryAttempts = 0);
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);

        await Gen.Select(AnyNumberText, AnyNumberText, Gen.Bool).SampleAsync(
            async (created, tokens, streaming) =>
            {
                var body = NumberField().Replace(streaming ? stream : chat, m => m.Groups["name"].Value + (m.Groups["field"].Value.Contains("reated", StringComparison.Ordinal) ? created : tokens));
                server.Handler = streaming ? FaultResponses.Sse(body) : FaultResponses.Json(body);
                var outcome = await OutcomeAsync(profile, client, streaming);
                lock (outcomes)
                {
                    outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
                }
            },
            iter: IterationsPerProperty,
            threads: 1);

        Assert.True(outcomes.GetValueOrDefault("ok") > 0, $"{id}: no generated number was accepted: {string.Join(", ", outcomes)}");
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task RetryAfterHeader_AnyValue_RateLimitedWithASaneRetryAfter(string id)
    {
        var profile = ProviderProfiles.Get(id);
        await using var server = await FaultServer.StartAsync();
        profile.Prepare(server);
        using var client = profile.CreateClient(server.BaseUri, o => o.MaxRetryAttempts = 0);
        var retryAfter = Gen.Frequency(
            (3, AnyNumberText),
            (1, Gen.DateTime.Select(d => d.ToString("r", CultureInfo.InvariantCulture))),
            (1, Gen.OneOf("Fri, 31 Dec 9999 23:59:59 GMT", "Mon, 01 Jan 0001 00:00:00 GMT", "soon", "", " ", "1, 2", "-5", "Thu, 01 Jan 1970 00:00:00 GMT")));

        await retryAfter.SampleAsync(
            async value =>
            {
                server.Handler = FaultResponses.Status(429, profile.RateLimitBody, "application/json", ("Retry-After", value));
                var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(FaultRun.Hello));
                Assert.Equal(profile.Key, ex.Provider);
                Assert.True(ex.RetryAfter is null || ex.RetryAfter >= TimeSpan.Zero, $"Retry-After '{value}' became {ex.RetryAfter}");
            },
            iter: IterationsPerProperty / 2,
            threads: 1);
    }

    [Fact]
    public async Task ErnieOAuthExpiresIn_AnyNumber_TokenIsUsedOrAuthenticationErrorNeverAnOverflow()
    {
        var profile = ProviderProfiles.Get("ernie-v1");
        var token = profile.Read("v1-oauth-token.json");
        await using var server = await FaultServer.StartAsync(FaultResponses.Json(profile.Read(profile.ChatFixture)));
        var current = token;
        server.Auxiliary = async context =>
        {
            if (!context.Request.Path.Value!.Contains("/oauth/2.0/token", StringComparison.Ordinal))
            {
                return false;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(Volatile.Read(ref current));
            return true;
        };

        await AnyNumberText.SampleAsync(
            async expiresIn =>
            {
                Volatile.Write(ref current, ExpiresIn().Replace(token, "\"expires_in\":" + expiresIn));
                using var client = profile.CreateClient(server.BaseUri, o => o.MaxRetryAttempts = 0); // a fresh token cache
                try
                {
                    var response = await client.GetResponseAsync(FaultRun.Hello);
                    Assert.Contains(profile.ChatText, response.Text, StringComparison.Ordinal);
                    _ = await client.GetResponseAsync(FaultRun.Hello); // the cached token (its expiry computed) is reused
                }
                catch (ChineseLlmException ex)
                {
                    Assert.Equal("ernie", ex.Provider);
                }
            },
            iter: IterationsPerProperty,
            threads: 1);
    }

    [Fact]
    public async Task PanguIamExpiresAt_AnyDate_TokenIsUsedNeverAnOverflow()
    {
        var profile = ProviderProfiles.Get("pangu-iam");
        await using var server = await FaultServer.StartAsync(FaultResponses.Json(profile.Read(profile.ChatFixture)));
        var current = string.Empty;
        server.Auxiliary = async context =>
        {
            if (!context.Request.Path.Value!.Contains("/v3/auth/tokens", StringComparison.Ordinal))
            {
                return false;
            }

            context.Response.Headers["X-Subject-Token"] = "MIIt-pangu-SECRET-subject-token-4b3a2f1e0d";
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(Volatile.Read(ref current));
            return true;
        };
        var expiresAt = Gen.Frequency(
            (3, Gen.DateTime.Select(d => "\"" + d.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture) + "\"")),
            (1, Gen.OneOf("\"0001-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59.999999Z\"", "\"yesterday\"", "\"\"", "12", "null", "\"1970-01-01T00:00:00Z\"")));

        await expiresAt.SampleAsync(
            async value =>
            {
                Volatile.Write(ref current, "{\"token\":{\"expires_at\":" + value + ",\"methods\":[\"password\"]}}");
                using var client = profile.CreateClient(server.BaseUri, o => o.MaxRetryAttempts = 0);
                var response = await client.GetResponseAsync(FaultRun.Hello);
                Assert.Contains(profile.ChatText, response.Text, StringComparison.Ordinal);
                _ = await client.GetResponseAsync(FaultRun.Hello);
            },
            iter: IterationsPerProperty,
            threads: 1);
    }

    /// <summary>Calls once; "ok" with sane numbers, or the kind of a <see cref="ChineseLlmException"/>; anything else fails the sample.</summary>
    private static async Task<string> OutcomeAsync(ProviderProfile profile, IChatClient client, bool streaming)
    {
        try
        {
            ChatResponse response;
            if (streaming)
            {
                var updates = new List<ChatResponseUpdate>();
                await foreach (var update in client.GetStreamingResponseAsync(FaultRun.Hello))
                {
                    updates.Add(update);
                }

                response = updates.ToChatResponse();
            }
            else
            {
                response = await client.GetResponseAsync(FaultRun.Hello);
            }

            var usage = response.Usage;
            foreach (var count in new[] { usage?.InputTokenCount, usage?.OutputTokenCount, usage?.TotalTokenCount, usage?.CachedInputTokenCount, usage?.ReasoningTokenCount })
            {
                Assert.True(count is null or >= 0, $"a negative token count reached the caller: {count}");
            }

            return "ok";
        }
        catch (ChineseLlmException ex)
        {
            Assert.Equal(profile.Key, ex.Provider);
            return ex.Kind.ToString();
        }
    }

    /// <summary>The numeric fields a vendor sends: <c>created</c> and every token count, in snake_case or PascalCase.</summary>
    [GeneratedRegex("""(?<name>"(?<field>created|Created|[A-Za-z_]*[Tt]okens)"\s*:\s*)-?\d+""")]
    private static partial Regex NumberField();

    [GeneratedRegex("\"expires_in\"\\s*:\\s*\\d+")]
    private static partial Regex ExpiresIn();
}
