using System.Text.Json;
using ChineseLlm.Client.Conformance;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChineseLlm.Client.Providers.Pangu;

/// <summary>IAM-token authentication (password method) against a WireMock IAM endpoint and Pangu deployment.</summary>
public sealed class PanguIamTokenTests : IDisposable
{
    private const string Password = "iam-Secret-Passw0rd!";
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly FakeTimeProvider _time = new(Start);
    private int _tokensIssued;

    public PanguIamTokenTests()
    {
        _server.Given(Request.Create().WithPath("/v3/auth/tokens").UsingPost()).RespondWith(
            Response.Create().WithCallback(_ =>
            {
                var n = Interlocked.Increment(ref _tokensIssued);
                return new WireMock.ResponseMessage
                {
                    StatusCode = 201,
                    Headers = new Dictionary<string, WireMock.Types.WireMockList<string>>
                    {
                        ["X-Subject-Token"] = new($"MIIt-token-{n}"),
                        ["Content-Type"] = new("application/json"),
                    },
                    BodyData = new WireMock.Util.BodyData
                    {
                        BodyAsString = "{\"token\":{\"expires_at\":\"" + _time.GetUtcNow().AddHours(24).ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture) + "\",\"methods\":[\"password\"]}}",
                        DetectedBodyType = WireMock.Types.BodyType.String,
                    },
                };
            }));
        _server.Given(Request.Create().WithPath("/api/v2/chat/completions").UsingPost()).RespondWith(
            Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Payload.Read("pangu", "chat-plain.json")));
    }

    [Fact]
    public async Task GetResponseAsync_IamUser_FetchesTokenOnceAndSendsItAsXAuthToken()
    {
        using var client = CreateClient();

        await client.GetResponseAsync("你好");
        await client.GetResponseAsync("再见");

        var tokenRequest = Assert.Single(_server.LogEntries, e => e.RequestMessage.Path == "/v3/auth/tokens");
        using var body = JsonDocument.Parse(tokenRequest.RequestMessage.Body!);
        var identity = body.RootElement.GetProperty("auth").GetProperty("identity");
        Assert.Equal("password", identity.GetProperty("methods")[0].GetString());
        Assert.Equal("pangu-user", identity.GetProperty("password").GetProperty("user").GetProperty("name").GetString());
        Assert.Equal("my-account", identity.GetProperty("password").GetProperty("user").GetProperty("domain").GetProperty("name").GetString());
        Assert.Equal("cn-southwest-2", body.RootElement.GetProperty("auth").GetProperty("scope").GetProperty("project").GetProperty("name").GetString());

        // Same shape as the documented request body (tests/Payloads/pangu/iam-token-request.json), with our values.
        using var documented = JsonDocument.Parse(Payload.Read("pangu", "iam-token-request.json"));
        Assert.Equal(Shape(documented.RootElement), Shape(body.RootElement));

        var chats = _server.LogEntries.Where(e => e.RequestMessage.Path == "/api/v2/chat/completions").ToList();
        Assert.Equal(2, chats.Count);
        Assert.All(chats, c =>
        {
            Assert.Equal("MIIt-token-1", c.RequestMessage.Headers!["X-Auth-Token"].Single());
            Assert.False(c.RequestMessage.Headers.ContainsKey("Authorization"));
        });
    }

    [Fact]
    public async Task GetResponseAsync_TokenNearExpiry_FetchesANewOne()
    {
        using var client = CreateClient();
        await client.GetResponseAsync("你好");

        _time.Advance(TimeSpan.FromHours(23) + TimeSpan.FromMinutes(1));
        await client.GetResponseAsync("你好");

        Assert.Equal(2, _tokensIssued);
        var last = _server.LogEntries.Last(e => e.RequestMessage.Path == "/api/v2/chat/completions");
        Assert.Equal("MIIt-token-2", last.RequestMessage.Headers!["X-Auth-Token"].Single());
    }

    [Fact]
    public async Task GetResponseAsync_IamRefuses_ThrowsAuthenticationWithoutThePassword()
    {
        _server.Reset();
        _server.Given(Request.Create().WithPath("/v3/auth/tokens").UsingPost()).RespondWith(
            Response.Create().WithStatusCode(401).WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":{"code":401,"message":"The username or password is wrong.","title":"Unauthorized"}}"""));
        using var client = CreateClient();

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync("你好"));

        Assert.Equal(LlmErrorKind.Authentication, ex.Kind);
        Assert.Equal("pangu", ex.Provider);
        Assert.DoesNotContain(Password, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_server.LogEntries, e => e.RequestMessage.Path == "/api/v2/chat/completions");
    }

    /// <summary>
    /// The IAM answer is read under the library's own bound (PanguIamTokenAuthenticator.MaxTokenResponseBytes), not what
    /// IAM sends: a token answer of 2 MB (twice the bound, a valid X-Subject-Token beside it) is a typed Protocol error,
    /// and no chat request is made with it.
    /// </summary>
    [Theory]
    [InlineData(201)]
    [InlineData(502)]
    public async Task GetResponseAsync_IamAnswerLargerThanTheBound_IsProtocolNotAnAllocation(int status)
    {
        _server.Reset();
        var huge = "{\"token\":{\"catalog\":[\"" + new string('x', 2 * PanguIamTokenAuthenticator.MaxTokenResponseBytes) + "\"]}}";
        _server.Given(Request.Create().WithPath("/v3/auth/tokens").UsingPost()).RespondWith(
            Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithHeader("X-Subject-Token", "MIIt-token-huge").WithBody(huge));
        using var client = CreateClient();

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync("你好"));

        Assert.Equal(LlmErrorKind.Protocol, ex.Kind);
        Assert.Equal("pangu", ex.Provider);
        Assert.DoesNotContain(_server.LogEntries, e => e.RequestMessage.Path == "/api/v2/chat/completions");
    }

    /// <summary>A garbage answer (bytes that are no JSON, no token header) is a typed Protocol error too.</summary>
    [Fact]
    public async Task GetResponseAsync_IamAnswerIsGarbage_IsProtocol()
    {
        _server.Reset();
        var garbage = new byte[4096];
        new Random(17).NextBytes(garbage);
        _server.Given(Request.Create().WithPath("/v3/auth/tokens").UsingPost()).RespondWith(
            Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody(garbage));
        using var client = CreateClient();

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync("你好"));

        Assert.Equal(LlmErrorKind.Protocol, ex.Kind);
        Assert.DoesNotContain(_server.LogEntries, e => e.RequestMessage.Path == "/api/v2/chat/completions");
    }

    /// <summary>Garbage in the body beside a valid token header: the token is used, the lifetime is the documented 24 h.</summary>
    [Fact]
    public async Task GetResponseAsync_IamTokenWithGarbageBody_UsesTheTokenWithTheDocumentedLifetime()
    {
        _server.Reset();
        _server.Given(Request.Create().WithPath("/v3/auth/tokens").UsingPost()).RespondWith(
            Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithHeader("X-Subject-Token", "MIIt-token-garbage")
                .WithBody("""{"token":{"expires_at":"+999999999-12-31T99:99:99Z","methods":"""));
        _server.Given(Request.Create().WithPath("/api/v2/chat/completions").UsingPost()).RespondWith(
            Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Payload.Read("pangu", "chat-plain.json")));
        using var client = CreateClient();

        var response = await client.GetResponseAsync("你好");

        Assert.NotEmpty(response.Text);
        var chat = Assert.Single(_server.LogEntries, e => e.RequestMessage.Path == "/api/v2/chat/completions");
        Assert.Equal("MIIt-token-garbage", chat.RequestMessage.Headers!["X-Auth-Token"].Single());
    }

    [Theory]
    [InlineData(null, Password, "my-account", "IamUserName")]
    [InlineData("pangu-user", null, "my-account", "IamPassword")]
    [InlineData("pangu-user", Password, null, "IamDomainName")]
    public void Constructor_IncompleteIamUser_NamesTheMissingKey(string? user, string? password, string? domain, string missing)
    {
        var options = new PanguOptions { IamUserName = user, IamPassword = password, IamDomainName = domain, Endpoint = new Uri("https://pangu.example/api/v2") };

        var ex = Assert.Throws<ArgumentException>(() => new PanguChatClient(options));

        Assert.Contains($"PanguOptions:{missing} is required", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ApiKeyAndIamUser_IsRejected()
    {
        var options = new PanguOptions
        {
            ApiKey = "k", IamUserName = "u", IamPassword = Password, IamDomainName = "d", Endpoint = new Uri("https://pangu.example/api/v2"),
        };

        var ex = Assert.Throws<ArgumentException>(() => new PanguChatClient(options));

        Assert.Contains("use one way of authenticating", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_NeverShowsThePassword()
    {
        var options = new PanguOptions { IamUserName = "u", IamPassword = Password, IamDomainName = "d" };

        Assert.DoesNotContain(Password, options.ToString(), StringComparison.Ordinal);
    }

    private static string Shape(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", element.EnumerateObject().Select(p => p.Name + ":" + Shape(p.Value))) + "}",
        JsonValueKind.Array => "[" + string.Join(",", element.EnumerateArray().Select(Shape)) + "]",
        _ => element.ValueKind.ToString(),
    };

    public void Dispose()
    {
        _server.Stop();
        _server.Dispose();
    }

    private PanguChatClient CreateClient() => new(
        new PanguOptions
        {
            IamUserName = "pangu-user",
            IamPassword = Password,
            IamDomainName = "my-account",
            IamEndpoint = new Uri(_server.Url!),
            Endpoint = new Uri(_server.Url + "/api/v2"),
            MaxRetryAttempts = 0,
        },
        httpClient: null,
        TestServices.Of(_time));
}
