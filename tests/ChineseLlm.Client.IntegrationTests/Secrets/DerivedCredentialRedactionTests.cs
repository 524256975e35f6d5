using System.Text;
using ChineseLlm.Client.Faults;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ChineseLlm.Client.Secrets;

/// <summary>
/// The credentials the library obtains or builds itself — ERNIE v1's OAuth access token, Pangu's IAM token
/// (<c>X-Subject-Token</c>), GLM's JWT built from the key, Hunyuan's TC3 signature — are secrets as much as the
/// configured keys. A vendor that echoes the one it received (in its error message, and where its error format has one,
/// in the request id) must not carry it into the exception, the captured logs (ProviderCallFailed included) or the span
/// tags. The fault server reads the credential off the real request and echoes it back over HTTP.
/// </summary>
[Collection(ChineseLlm.Client.Telemetry.ActivityListenerTestGroup.Name)]
public sealed class DerivedCredentialRedactionTests
{
    public static TheoryData<string> DerivingProfiles => ["glm", "ernie-v1", "pangu-iam", "hunyuan"];

    [Theory]
    [MemberData(nameof(DerivingProfiles))]
    public async Task VendorEchoingTheDerivedCredential_IsMaskedInTheExceptionLogsAndSpans(string id)
    {
        var profile = ProviderProfiles.Get(id);
        var seen = new List<string>();
        await using var server = await FaultServer.StartAsync((context, _) =>
        {
            var credential = DerivedCredential(id, context.Request);
            lock (seen)
            {
                seen.Add(credential);
            }

            var (status, body) = Echo(id, credential);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(body);
        });
        profile.Prepare(server);
        using var scanner = new LeakScanner();
        using var logs = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(scanner.Logs)));
        using var client = profile.CreateClient(server.BaseUri, o => o.MaxRetryAttempts = 0, loggerFactory: logs);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(FaultRun.Hello));
        scanner.Add(ex);

        string[] secrets;
        lock (seen)
        {
            secrets = [.. seen.Distinct()];
        }

        Assert.NotEmpty(secrets);
        Assert.All(secrets, s => Assert.True(s.Length >= 16, $"the server read no real credential: '{s}'"));
        Assert.Contains("***", ex.Message, StringComparison.Ordinal); // the vendor's text stays, the credential does not
        Assert.DoesNotContain(secrets[0], ex.ToString(), StringComparison.Ordinal);
        Assert.True(scanner.ActivityCount > 0, "no span was recorded to scan");
        Assert.Contains(scanner.Logs.GetSnapshot(), r => r.Id.Name == "ProviderCallFailed");
        Assert.Empty(scanner.FindLeaks(secrets));
    }

    /// <summary>The credential as the vendor receives it on the chat request.</summary>
    private static string DerivedCredential(string id, HttpRequest request) => id switch
    {
        "glm" => Bearer(request.Headers.Authorization.ToString()), // the JWT built from "id.secret"
        "ernie-v1" => request.Query["access_token"].ToString(),
        "pangu-iam" => request.Headers["X-Auth-Token"].ToString(),
        "hunyuan" => request.Headers.Authorization.ToString() is var auth && auth.LastIndexOf("Signature=", StringComparison.Ordinal) is var at and >= 0
            ? auth[(at + "Signature=".Length)..]
            : string.Empty,
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, null),
    };

    private static string Bearer(string header) => header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : header;

    /// <summary>
    /// Each vendor's documented error shape, echoing the credential: GLM's OpenAI-style envelope (code 1000
    /// authentication failure, docs/protocols/glm.md), ERNIE v1's in-body error (code 336003, docs/protocols/ernie.md),
    /// Pangu's APIG error (APIG.0301 incorrect IAM authentication, docs/protocols/pangu.md), Tencent Cloud's
    /// <c>Response.Error</c> (<c>AuthFailure.SignatureFailure</c>, docs/protocols/hunyuan.md) — the last two also put it
    /// in the request id.
    /// </summary>
    private static (int Status, string Body) Echo(string id, string credential) => id switch
    {
        "glm" => (401, "{\"error\":{\"code\":\"1000\",\"message\":\"身份验证失败: token " + credential + " 无效\"}}"),
        "ernie-v1" => (200, "{\"error_code\":336003,\"error_msg\":\"invalid argument: access_token=" + credential + "\",\"id\":\"as-" + credential + "\"}"),
        "pangu-iam" => (401, "{\"error_code\":\"APIG.0301\",\"error_msg\":\"Incorrect IAM authentication information: token " + credential + " decrypt fail\",\"request_id\":\"" + credential + "\"}"),
        "hunyuan" => (200, "{\"Response\":{\"Error\":{\"Code\":\"AuthFailure.SignatureFailure\",\"Message\":\"The provided credentials could not be validated: Signature=" + credential + "\"},\"RequestId\":\"" + credential + "\"}}"),
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, null),
    };

    [Fact]
    public void DerivedSecrets_KeepsOnlyTheMostRecent_AndIgnoresShortValues()
    {
        var derived = new Http.DerivedSecrets();
        derived.Add("abc");
        for (var i = 0; i < Http.DerivedSecrets.Capacity + 3; i++)
        {
            derived.Add("token-number-" + i);
            derived.Add("token-number-" + i); // once only
        }

        var held = derived.Snapshot().Select(Encoding.UTF8.GetString).ToList();
        Assert.Equal(Http.DerivedSecrets.Capacity, held.Count);
        Assert.Equal("token-number-" + (Http.DerivedSecrets.Capacity + 2), held[0]);
        Assert.DoesNotContain("abc", held);
    }
}
