using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Providers.Ernie;

/// <summary>The v1 OAuth token: fetched once, cached until shortly before expiry, refreshed on rejection, shared by concurrent callers.</summary>
public sealed class ErnieAccessTokenProviderTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    private static string TokenBody(string token, long expiresIn = 2_592_000) =>
        $$"""{"refresh_token":"25.x","expires_in":{{expiresIn}},"scope":"public","session_key":"k","access_token":"{{token}}","session_secret":"s"}""";

    /// <summary>A token endpoint answering each request with the next scripted body, optionally held until released.</summary>
    private sealed class TokenEndpoint(Func<int, (HttpStatusCode Status, string Body)> answer) : HttpMessageHandler
    {
        private int _count;

        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Hold { get; init; }

        public int Count => Volatile.Read(ref _count);

        public List<Uri> Uris { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref _count);
            lock (Uris)
            {
                Uris.Add(request.RequestUri!);
            }

            if (Hold)
            {
                await Gate.Task.WaitAsync(cancellationToken);
            }

            var (status, body) = answer(n);
            return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }
    }

    private static ErnieAccessTokenProvider CreateSut(TokenEndpoint endpoint, TimeProvider time) =>
        new(new HttpClient(endpoint), new Uri("https://aip.test"), "the-api-key", "the-secret-key", time, TimeSpan.FromMinutes(1));

    [Fact]
    public async Task GetTokenAsync_TwoCalls_FetchOnceWithClientCredentials()
    {
        var endpoint = new TokenEndpoint(n => (HttpStatusCode.OK, TokenBody("24.first")));
        using var sut = CreateSut(endpoint, new FakeTimeProvider(Start));

        var first = await sut.GetTokenAsync(CancellationToken.None);
        var second = await sut.GetTokenAsync(CancellationToken.None);

        Assert.Equal("24.first", first);
        Assert.Equal(first, second);
        Assert.Equal(1, endpoint.Count);
        Assert.Equal("https://aip.test/oauth/2.0/token?grant_type=client_credentials&client_id=the-api-key&client_secret=the-secret-key", endpoint.Uris[0].ToString());
    }

    [Fact]
    public async Task GetTokenAsync_UntilTheRefreshMargin_KeepsTheTokenThenFetchesANewOne()
    {
        var endpoint = new TokenEndpoint(n => (HttpStatusCode.OK, TokenBody("24.token-" + n)));
        var time = new FakeTimeProvider(Start);
        using var sut = CreateSut(endpoint, time);
        await sut.GetTokenAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromDays(30) - ErnieAccessTokenProvider.RefreshMargin - TimeSpan.FromSeconds(1));
        Assert.Equal("24.token-1", await sut.GetTokenAsync(CancellationToken.None));
        Assert.Equal(1, endpoint.Count);

        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("24.token-2", await sut.GetTokenAsync(CancellationToken.None));
        Assert.Equal(2, endpoint.Count);
    }

    [Fact]
    public async Task GetTokenAsync_ShortLivedToken_IsRenewedAtHalfItsLifetime()
    {
        var endpoint = new TokenEndpoint(n => (HttpStatusCode.OK, TokenBody("24.short-" + n, expiresIn: 120)));
        var time = new FakeTimeProvider(Start);
        using var sut = CreateSut(endpoint, time);
        await sut.GetTokenAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal("24.short-1", await sut.GetTokenAsync(CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("24.short-2", await sut.GetTokenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task GetTokenAsync_AnswerWithoutExpiresIn_IsKeptForTheDocumentedThirtyDays()
    {
        var endpoint = new TokenEndpoint(n => (HttpStatusCode.OK, $$"""{"access_token":"24.no-expiry-{{n}}"}"""));
        var time = new FakeTimeProvider(Start);
        using var sut = CreateSut(endpoint, time);
        await sut.GetTokenAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromDays(29));

        Assert.Equal("24.no-expiry-1", await sut.GetTokenAsync(CancellationToken.None));
        Assert.Equal(1, endpoint.Count);
    }

    [Fact]
    public async Task Invalidate_TheCachedToken_RefreshesOnceEvenWhenRepeated()
    {
        var endpoint = new TokenEndpoint(n => (HttpStatusCode.OK, TokenBody("24.token-" + n)));
        using var sut = CreateSut(endpoint, new FakeTimeProvider(Start));
        var stale = await sut.GetTokenAsync(CancellationToken.None);

        sut.Invalidate(stale);
        var fresh = await sut.GetTokenAsync(CancellationToken.None);
        sut.Invalidate(stale); // a late rejection of the old token must not throw away the new one
        var again = await sut.GetTokenAsync(CancellationToken.None);

        Assert.Equal("24.token-2", fresh);
        Assert.Equal(fresh, again);
        Assert.Equal(2, endpoint.Count);
    }

    [Fact]
    public async Task GetTokenAsync_FiftyConcurrentCallers_ShareOneFetch()
    {
        var endpoint = new TokenEndpoint(n => (HttpStatusCode.OK, TokenBody("24.shared-" + n))) { Hold = true };
        using var sut = CreateSut(endpoint, new FakeTimeProvider(Start));

        var waiting = Enumerable.Range(0, 50).Select(_ => Task.Run(async () => await sut.GetTokenAsync(CancellationToken.None))).ToList();
        while (endpoint.Count == 0)
        {
            await Task.Delay(5);
        }

        await Task.Delay(100); // every caller is now waiting on the held fetch
        endpoint.Gate.SetResult();
        var tokens = await Task.WhenAll(waiting);

        Assert.Equal(1, endpoint.Count);
        Assert.All(tokens, t => Assert.Equal("24.shared-1", t));
    }

    [Fact]
    public async Task GetTokenAsync_TheFirstCallerCancels_TheSharedFetchStillServesTheOthers()
    {
        var endpoint = new TokenEndpoint(n => (HttpStatusCode.OK, TokenBody("24.kept-" + n))) { Hold = true };
        using var sut = CreateSut(endpoint, new FakeTimeProvider(Start));
        using var cts = new CancellationTokenSource();

        var cancelled = sut.GetTokenAsync(cts.Token).AsTask();
        while (endpoint.Count == 0)
        {
            await Task.Delay(5);
        }

        var patient = sut.GetTokenAsync(CancellationToken.None).AsTask();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        endpoint.Gate.SetResult();

        Assert.Equal("24.kept-1", await patient);
        Assert.Equal(1, endpoint.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.OK)]
    public async Task GetTokenAsync_UnknownClient_IsAuthenticationWithoutTheSecretAndIsNotCached(HttpStatusCode status)
    {
        var endpoint = new TokenEndpoint(n => n == 1
            ? (status, """{"error":"invalid_client","error_description":"unknown client id"}""")
            : (HttpStatusCode.OK, TokenBody("24.after-fix")));
        using var sut = CreateSut(endpoint, new FakeTimeProvider(Start));

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(async () => await sut.GetTokenAsync(CancellationToken.None));

        Assert.Equal(LlmErrorKind.Authentication, ex.Kind);
        Assert.Equal("invalid_client", ex.ErrorCode);
        Assert.Equal((int)status, ex.StatusCode);
        Assert.Contains("unknown client id", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("the-secret-key", ex.ToString(), StringComparison.Ordinal);
        Assert.Equal("24.after-fix", await sut.GetTokenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task GetTokenAsync_AnswerWithoutToken_IsProtocol()
    {
        using var sut = CreateSut(new TokenEndpoint(n => (HttpStatusCode.OK, """{"expires_in":100}""")), new FakeTimeProvider(Start));

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(async () => await sut.GetTokenAsync(CancellationToken.None));

        Assert.Equal(LlmErrorKind.Protocol, ex.Kind);
    }

    [Fact]
    public async Task GetTokenAsync_TokenEndpointStalls_FailsWithTimeoutAtTheFetchTimeout()
    {
        var endpoint = new TokenEndpoint(n => (HttpStatusCode.OK, TokenBody("never"))) { Hold = true };
        var time = new FakeTimeProvider(Start);
        using var sut = CreateSut(endpoint, time);

        var fetching = sut.GetTokenAsync(CancellationToken.None).AsTask();
        while (endpoint.Count == 0)
        {
            await Task.Delay(5);
        }

        time.Advance(TimeSpan.FromMinutes(1));
        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => fetching);

        Assert.Equal(LlmErrorKind.Timeout, ex.Kind);
    }
}
