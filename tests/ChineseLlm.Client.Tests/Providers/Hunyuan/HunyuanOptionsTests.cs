namespace ChineseLlm.Client.Providers.Hunyuan;

public sealed class HunyuanOptionsTests
{
    private const string Path = "ChineseLlm:Providers:Hunyuan";

    [Fact]
    public void Validate_SecretIdWithoutSecretKey_NamesTheMissingKey()
    {
        var problems = new HunyuanOptions { SecretId = "AKIDx" }.Validate(Path);

        Assert.Contains($"{Path}:SecretKey is required when {Path}:SecretId is set.", problems);
    }

    [Fact]
    public void Validate_SecretKeyWithoutSecretId_NamesTheMissingKey()
    {
        var problems = new HunyuanOptions { SecretKey = "k", ApiKey = "sk" }.Validate(Path);

        Assert.Equal([$"{Path}:SecretId is required when {Path}:SecretKey is set."], problems);
    }

    [Fact]
    public void Validate_NoCredentials_NamesBothWaysAndKeepsTheDisabledMarker()
    {
        var problems = new HunyuanOptions().Validate(Path);

        var problem = Assert.Single(problems);
        Assert.Contains($"{Path}:SecretId", problem, StringComparison.Ordinal);
        Assert.EndsWith(":ApiKey is required.", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AKIDx", "k", null, true, true)]
    [InlineData("AKIDx", "k", "sk", true, true)]
    [InlineData(null, null, "sk", true, false)]
    [InlineData("AKIDx", null, null, false, false)]
    public void HasCredentials_AndProtocol_FollowTheCredentials(string? id, string? key, string? apiKey, bool has, bool native)
    {
        var options = new HunyuanOptions { SecretId = id, SecretKey = key, ApiKey = apiKey };

        Assert.Equal(has, options.HasCredentials);
        Assert.Equal(native, options.UsesNativeProtocol);
    }

    [Fact]
    public void Validate_RegionWithSpace_IsRejected()
    {
        var problems = new HunyuanOptions { SecretId = "AKIDx", SecretKey = "k", Region = "ap guangzhou" }.Validate(Path);

        Assert.Contains(problems, p => p.StartsWith($"{Path}:Region", StringComparison.Ordinal));
    }

    [Fact]
    public void ToString_NeverPrintsTheSecrets()
    {
        var text = new HunyuanOptions { SecretId = "AKIDvisible", SecretKey = "top-secret-key", ApiKey = "sk-secret" }.ToString();

        Assert.DoesNotContain("top-secret-key", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-secret", text, StringComparison.Ordinal);
        Assert.Contains("Credentials = set", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_SecretIdOnly_ThrowsNamingSecretKey()
    {
        var ex = Assert.Throws<ArgumentException>(() => new HunyuanChatClient(new HunyuanOptions { SecretId = "AKIDx" }));

        Assert.Contains("SecretKey", ex.Message, StringComparison.Ordinal);
    }
}
