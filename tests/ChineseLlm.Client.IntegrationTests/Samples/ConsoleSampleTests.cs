namespace ChineseLlm.Client.Samples;

/// <summary>The README's demo: with no keys in the environment it must run offline on the simulator and finish by itself.</summary>
public sealed class ConsoleSampleTests
{
    [Fact]
    public async Task Run_WithoutKeys_RunsOfflineShowsEveryStepAndExits()
    {
        var (exitCode, output) = await SampleProcess.RunAsync("ChineseLlm.Samples.Console", TimeSpan.FromMinutes(2));

        Assert.True(exitCode == 0, $"the sample exited with {exitCode}:\n{output}");
        Assert.Contains("Offline", output, StringComparison.Ordinal);
        Assert.Contains("Cost (CNY)", output, StringComparison.Ordinal);     // 1. routed chat per tier, priced
        Assert.Contains("deepseek", output, StringComparison.Ordinal);       // 2. each provider
        Assert.Contains("床前明月光", output, StringComparison.Ordinal);      // 3. the streamed poem
        Assert.Contains("get_weather(city: 北京)", output, StringComparison.Ordinal); // 4. the tool call ran locally
        Assert.Contains("failed: ServerError", output, StringComparison.Ordinal);    // 5. the broken vendor ...
        Assert.Contains("answered in", output, StringComparison.Ordinal);            //    ... and the one that answered
        Assert.Contains("nothing left this machine", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }
}
