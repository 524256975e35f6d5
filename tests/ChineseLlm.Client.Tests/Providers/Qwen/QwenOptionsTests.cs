namespace ChineseLlm.Client.Providers.Qwen;

public sealed class QwenOptionsTests
{
    [Fact]
    public void Defaults_AreNativeBeijingWithoutWorkspace()
    {
        var options = new QwenOptions();

        Assert.Equal(QwenProtocol.Native, options.Protocol);
        Assert.Equal(QwenRegion.Beijing, options.Region);
        Assert.Null(options.WorkspaceId);
        Assert.Null(options.Endpoint);
        Assert.False(options.HasCredentials);
    }

    [Fact]
    public void Validate_BadValues_NameTheKeys()
    {
        var options = new QwenOptions
        {
            ApiKey = "bce-v3/ALTAK-x/y",
            Protocol = (QwenProtocol)9,
            Region = (QwenRegion)9,
            WorkspaceId = "ws 1",
        };

        var problems = options.Validate("ChineseLlm:Providers:Qwen");

        Assert.Contains(problems, p => p.StartsWith("ChineseLlm:Providers:Qwen:Protocol", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("ChineseLlm:Providers:Qwen:Region", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("ChineseLlm:Providers:Qwen:WorkspaceId", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("ChineseLlm:Providers:Qwen:ApiKey", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_GoodValues_HasNoProblems()
    {
        var options = new QwenOptions { ApiKey = "sk-abc", Protocol = QwenProtocol.OpenAiCompatible, Region = QwenRegion.Singapore, WorkspaceId = "" };

        Assert.Empty(options.Validate("ChineseLlm:Providers:Qwen"));
    }

    [Fact]
    public void ToString_NeverPrintsTheKey()
    {
        var options = new QwenOptions { ApiKey = "sk-secret-123" };

        Assert.DoesNotContain("sk-secret-123", options.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://gateway.example.com/v1?key=sk-query-secret", "must be an absolute http or https URI")]
    [InlineData("https://gateway.example.com/v1?key=sk-query-secret#top", "must not have a fragment")]
    public void Validate_EndpointWithATokenInItsQuery_NamesTheKeyWithoutShowingTheQuery(string endpoint, string problem)
    {
        var options = new QwenOptions { ApiKey = "sk-test", Endpoint = new Uri(endpoint) };

        var message = Assert.Single(options.Validate("ChineseLlm:Providers:Qwen"));

        Assert.Contains("ChineseLlm:Providers:Qwen:Endpoint", message, StringComparison.Ordinal);
        Assert.Contains(problem, message, StringComparison.Ordinal);
        Assert.Contains("gateway.example.com/v1?…", message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-query-secret", message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_EndpointWithATokenInItsQuery_ShowsItWithoutTheQuery()
    {
        var options = new QwenOptions { Endpoint = new Uri("https://gateway.example.com/v1?key=sk-query-secret") };

        Assert.Contains("https://gateway.example.com/v1?…", options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("sk-query-secret", options.ToString(), StringComparison.Ordinal);
    }
}
