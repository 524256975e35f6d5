namespace ChineseLlm.Client.Http;

public sealed class ProviderEndpointTests
{
    [Theory]
    [InlineData("https://api.deepseek.com", "chat/completions", "https://api.deepseek.com/chat/completions")]
    [InlineData("https://api.deepseek.com/", "/chat/completions", "https://api.deepseek.com/chat/completions")]
    [InlineData("https://api.moonshot.cn/v1", "chat/completions", "https://api.moonshot.cn/v1/chat/completions")]
    [InlineData("https://api.moonshot.cn/v1/", "chat/completions", "https://api.moonshot.cn/v1/chat/completions")]
    [InlineData("http://localhost:5000/proxy/ds", "chat/completions", "http://localhost:5000/proxy/ds/chat/completions")]
    public void Combine_AnySlashes_AppendsDocumentedPath(string baseUri, string path, string expected)
    {
        Assert.Equal(expected, ProviderEndpoint.Combine(new Uri(baseUri), path).ToString());
    }
}
