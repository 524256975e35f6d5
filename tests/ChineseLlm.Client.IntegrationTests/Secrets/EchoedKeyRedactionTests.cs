using ChineseLlm.Client.Faults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChineseLlm.Client.Secrets;

/// <summary>
/// A vendor that echoes the key it was sent — OpenAI-style "Incorrect API key provided: sk-…" in a 401 body, and the
/// same inside a stream's error event — must not carry it into the exception (message, ToString, fields), the logs or
/// the span status: the configured secrets are masked as <c>***</c> (WireMock serves the vendor).
/// </summary>
[Collection(ChineseLlm.Client.Telemetry.ActivityListenerTestGroup.Name)]
public sealed class EchoedKeyRedactionTests
{
    public static TheoryData<string> OpenAiDialectProfiles => ["deepseek", "kimi", "doubao", "glm", "hunyuan-compat", "qwen-compat", "minimax", "yi", "baichuan"];

    [Theory]
    [MemberData(nameof(OpenAiDialectProfiles))]
    public async Task VendorEchoingTheKey_InAnErrorBodyAndAStreamErrorEvent_KeyIsMaskedEverywhere(string id)
    {
        var profile = ProviderProfiles.Get(id);
        var key = profile.Credentials["ApiKey"];
        var echo = "{\"error\":{\"message\":\"Incorrect API key provided: " + key + ". You can find your API key at the console.\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}";
        using var server = WireMockServer.Start();
        server.Given(Request.Create().UsingPost().WithBody(b => b?.Contains("\"stream\":true", StringComparison.Ordinal) != true))
            .RespondWith(Response.Create().WithStatusCode(401).WithHeader("Content-Type", "application/json").WithBody(echo));
        server.Given(Request.Create().UsingPost().WithBody(b => b?.Contains("\"stream\":true", StringComparison.Ordinal) == true))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/event-stream").WithBody("data: " + echo + "\n\n"));
        using var scanner = new LeakScanner();
        using var logs = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(scanner.Logs)));
        using var client = profile.CreateClient(new Uri(server.Url!), o => o.MaxRetryAttempts = 0, loggerFactory: logs);

        var plain = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(FaultRun.Hello));
        var streamed = await Assert.ThrowsAsync<ChineseLlmException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(FaultRun.Hello))
            {
                _ = update;
            }
        });

        foreach (var ex in new[] { plain, streamed })
        {
            Assert.Equal(profile.Key, ex.Provider);
            scanner.Add(ex);
        }

        Assert.Contains("Incorrect API key provided: ***", plain.Message, StringComparison.Ordinal); // the vendor's text stays, the key does not

        Assert.True(server.LogEntries.Count >= 2, "the vendor was not called");
        Assert.True(scanner.ActivityCount > 0, "no span was recorded to scan");
        Assert.Empty(scanner.FindLeaks([key]));
    }
}
