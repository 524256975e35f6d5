using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ChineseLlm.Client.Secrets;

/// <summary>The scanner itself finds a secret wherever it hides, so a green <see cref="SecretLeakTests"/> means something.</summary>
[Collection(ChineseLlm.Client.Telemetry.ActivityListenerTestGroup.Name)]
public sealed class LeakScannerTests
{
    private const string Secret = "sk-scanner-selftest-0123456789";

    [Fact]
    public void FindLeaks_SecretInATraceLogAStateValueAnExceptionAnActivityTagAndAMetricTag_FindsEach()
    {
        using var scanner = new LeakScanner();
        using var loggers = new FakeLoggerProvider(scanner.Logs);
        var logger = loggers.CreateLogger("selftest");
        using var source = new ActivitySource("ChineseLlm.Client.SelfTest." + Guid.NewGuid());
        using var meter = new Meter("ChineseLlm.Client.SelfTest." + Guid.NewGuid());

#pragma warning disable CA2254, CA1848, CA1873 // deliberately leaking through every channel
        logger.LogTrace("calling with " + Secret);
        logger.Log(LogLevel.Debug, new EventId(1), new[] { new KeyValuePair<string, object?>("key", Secret) }, null, (_, _) => "structured");
        logger.LogWarning(new InvalidOperationException("failed for " + Secret), "failed");
#pragma warning restore CA2254, CA1848, CA1873
        using (var activity = source.StartActivity("call"))
        {
            activity!.SetTag("auth", "Bearer " + Secret);
        }

        meter.CreateCounter<long>("calls").Add(1, new KeyValuePair<string, object?>("key", Secret));
        scanner.Add(new ChineseLlmException("deepseek", LlmErrorKind.Authentication, "bad key " + Secret));

        var leaks = scanner.FindLeaks([Secret]);

        Assert.Contains(leaks, l => l.Contains("log Trace", StringComparison.Ordinal));
        Assert.Contains(leaks, l => l.Contains("log Debug", StringComparison.Ordinal) && l.Contains("state", StringComparison.Ordinal));
        Assert.Contains(leaks, l => l.Contains("exception", StringComparison.Ordinal) && l.Contains("log Warning", StringComparison.Ordinal));
        Assert.Contains(leaks, l => l.Contains("activity", StringComparison.Ordinal));
        Assert.Contains(leaks, l => l.Contains("metric", StringComparison.Ordinal));
        Assert.Contains(leaks, l => l.StartsWith("secret #0 (30 chars) in exception ChineseLlmException", StringComparison.Ordinal));
        Assert.All(leaks, l => Assert.DoesNotContain(Secret, l, StringComparison.Ordinal)); // the report itself masks it
    }
}
