using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Providers.Glm;

public sealed class GlmTokenProviderTests
{
    private const string Id = "a1b2c3d4e5f6";
    private const string Secret = "s3cr3tS3cr3tValue";
    private const string IdSecretKey = Id + "." + Secret;

    private static readonly DateTimeOffset Start = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void GetToken_IdSecretKey_ReturnsHs256JwtWithVendorHeader()
    {
        var provider = new GlmTokenProvider(IdSecretKey, new FakeTimeProvider(Start));

        var token = provider.GetToken();

        Assert.True(provider.UsesJwt);
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        var headerJson = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[0]));
        Assert.Equal("""{"alg":"HS256","sign_type":"SIGN"}""", headerJson);
        using var header = JsonDocument.Parse(headerJson);
        Assert.Equal("HS256", header.RootElement.GetProperty("alg").GetString());
        Assert.Equal("SIGN", header.RootElement.GetProperty("sign_type").GetString());
    }

    [Fact]
    public void GetToken_IdSecretKey_PayloadHasIdAndMillisecondTimes()
    {
        var provider = new GlmTokenProvider(IdSecretKey, new FakeTimeProvider(Start));

        using var payload = DecodePayload(provider.GetToken());

        var root = payload.RootElement;
        Assert.Equal(Id, root.GetProperty("api_key").GetString());
        Assert.Equal(Start.ToUnixTimeMilliseconds(), root.GetProperty("timestamp").GetInt64());
        Assert.Equal((Start + GlmTokenProvider.DefaultLifetime).ToUnixTimeMilliseconds(), root.GetProperty("exp").GetInt64());
        Assert.Equal(3, root.EnumerateObject().Count());
        Assert.DoesNotContain(Secret, root.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void GetToken_IdSecretKey_SignatureIsHmacSha256OfHeaderAndPayloadWithSecret()
    {
        var provider = new GlmTokenProvider(IdSecretKey, new FakeTimeProvider(Start));

        var token = provider.GetToken();

        var lastDot = token.LastIndexOf('.');
        var signingInput = token[..lastDot];
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.ASCII.GetBytes(signingInput));
        Assert.Equal(Base64Url.EncodeToString(expected), token[(lastDot + 1)..]);

        var wrongKey = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Id), Encoding.ASCII.GetBytes(signingInput));
        Assert.NotEqual(Base64Url.EncodeToString(wrongKey), token[(lastDot + 1)..]);
    }

    [Fact]
    public void GetToken_KnownInstant_MatchesIndependentlyBuiltToken()
    {
        // Built by hand from the documented recipe, independent of the provider's code path.
        var header = Base64Url.EncodeToString("""{"alg":"HS256","sign_type":"SIGN"}"""u8);
        var now = Start.ToUnixTimeMilliseconds();
        var exp = now + (30 * 60 * 1000);
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($$"""{"api_key":"{{Id}}","exp":{{exp}},"timestamp":{{now}}}"""));
        var signature = Base64Url.EncodeToString(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.ASCII.GetBytes(header + "." + payload)));

        var token = new GlmTokenProvider(IdSecretKey, new FakeTimeProvider(Start)).GetToken();

        Assert.Equal($"{header}.{payload}.{signature}", token);
    }

    [Fact]
    public void GetToken_WithinLifetime_ReturnsCachedToken()
    {
        var time = new FakeTimeProvider(Start);
        var provider = new GlmTokenProvider(IdSecretKey, time);

        var first = provider.GetToken();
        time.Advance(GlmTokenProvider.DefaultLifetime - GlmTokenProvider.RefreshMargin - TimeSpan.FromMilliseconds(1));
        var second = provider.GetToken();

        Assert.Same(first, second);
    }

    [Fact]
    public void GetToken_AtRefreshMargin_MakesNewTokenWithNewTimes()
    {
        var time = new FakeTimeProvider(Start);
        var provider = new GlmTokenProvider(IdSecretKey, time);

        var first = provider.GetToken();
        time.Advance(GlmTokenProvider.DefaultLifetime - GlmTokenProvider.RefreshMargin);
        var second = provider.GetToken();

        Assert.NotEqual(first, second);
        using var payload = DecodePayload(second);
        var refreshedAt = Start + GlmTokenProvider.DefaultLifetime - GlmTokenProvider.RefreshMargin;
        Assert.Equal(refreshedAt.ToUnixTimeMilliseconds(), payload.RootElement.GetProperty("timestamp").GetInt64());
        Assert.Equal(
            (refreshedAt + GlmTokenProvider.DefaultLifetime).ToUnixTimeMilliseconds(),
            payload.RootElement.GetProperty("exp").GetInt64());
        Assert.Same(second, provider.GetToken());
    }

    [Fact]
    public void GetToken_LastMomentOfReuse_StillHasMoreThan134SecondsLeft()
    {
        // The server rejects a token whose exp is less than ~134 s away (STranslate/STranslate#670).
        var time = new FakeTimeProvider(Start);
        var provider = new GlmTokenProvider(IdSecretKey, time);
        _ = provider.GetToken();

        time.Advance(GlmTokenProvider.DefaultLifetime - GlmTokenProvider.RefreshMargin - TimeSpan.FromMilliseconds(1));
        using var payload = DecodePayload(provider.GetToken());

        var left = DateTimeOffset.FromUnixTimeMilliseconds(payload.RootElement.GetProperty("exp").GetInt64()) - time.GetUtcNow();
        Assert.True(left > TimeSpan.FromSeconds(134), $"only {left} left");
    }

    [Fact]
    public void GetToken_CustomLifetime_SetsExpiry()
    {
        var provider = new GlmTokenProvider(IdSecretKey, new FakeTimeProvider(Start), TimeSpan.FromHours(1));

        using var payload = DecodePayload(provider.GetToken());

        Assert.Equal(Start.AddHours(1).ToUnixTimeMilliseconds(), payload.RootElement.GetProperty("exp").GetInt64());
    }

    [Fact]
    public void Constructor_LifetimeNotLongerThanMargin_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => new GlmTokenProvider(IdSecretKey, new FakeTimeProvider(Start), GlmTokenProvider.RefreshMargin));
    }

    [Theory]
    [InlineData("plainopaquekey")]
    [InlineData("a.b.c")]
    [InlineData(".secretonly")]
    [InlineData("idonly.")]
    public void GetToken_KeyNotIdDotSecret_ReturnsKeyAsIs(string key)
    {
        var provider = new GlmTokenProvider(key, new FakeTimeProvider(Start));

        Assert.False(provider.UsesJwt);
        Assert.Equal(key, provider.GetToken());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Constructor_BlankKey_Throws(string key)
    {
        Assert.Throws<ArgumentException>(() => new GlmTokenProvider(key, TimeProvider.System));
    }

    [Fact]
    public void ToString_NeverShowsKeyOrToken()
    {
        var provider = new GlmTokenProvider(IdSecretKey, new FakeTimeProvider(Start));
        var token = provider.GetToken();

        var text = provider.ToString();

        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Id, text, StringComparison.Ordinal);
        Assert.DoesNotContain(token, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetToken_ConcurrentCallers_AllGetTheSameToken()
    {
        var provider = new GlmTokenProvider(IdSecretKey, new FakeTimeProvider(Start));
        using var gate = new ManualResetEventSlim();

        var tasks = Enumerable.Range(0, 16)
            .Select(_ => Task.Run(() =>
            {
                gate.Wait();
                return provider.GetToken();
            }))
            .ToArray();
        gate.Set();
        var tokens = await Task.WhenAll(tasks);

        Assert.Single(tokens.Distinct(StringComparer.Ordinal));
    }

    private static JsonDocument DecodePayload(string token)
    {
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        return JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
    }
}
