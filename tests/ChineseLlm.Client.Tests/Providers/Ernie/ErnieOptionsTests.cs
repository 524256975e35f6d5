namespace ChineseLlm.Client.Providers.Ernie;

public sealed class ErnieOptionsTests
{
    private const string Path = "ChineseLlm:Providers:Ernie";

    [Fact]
    public void Defaults_HaveNoSecretKeyOrAppIdAndUseV2()
    {
        var options = new ErnieOptions { ApiKey = "bce-v3/ALTAK-x/y" };

        Assert.Null(options.SecretKey);
        Assert.Null(options.AppId);
        Assert.False(options.UsesLegacyProtocol);
        Assert.Empty(options.Validate(Path));
    }

    [Fact]
    public void Validate_SecretKeyWithoutApiKey_NamesBothKeys()
    {
        var problems = new ErnieOptions { SecretKey = "sk" }.Validate(Path);

        Assert.Contains(problems, p => p.StartsWith($"{Path}:ApiKey", StringComparison.Ordinal) && p.Contains($"{Path}:SecretKey", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_V2KeyWithSecretKey_ExplainsTheProtocolMismatch()
    {
        var problems = new ErnieOptions { ApiKey = "bce-v3/ALTAK-x/y", SecretKey = "sk" }.Validate(Path);

        Assert.Contains(problems, p => p.StartsWith($"{Path}:SecretKey is set", StringComparison.Ordinal) && p.Contains("bce-v3", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_AppIdWithSpaces_IsRejected()
    {
        var problems = new ErnieOptions { ApiKey = "bce-v3/a/b", AppId = "12 34" }.Validate(Path);

        Assert.Contains(problems, p => p.StartsWith($"{Path}:AppId must be", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_BlankSecretKey_MeansV2()
    {
        var options = new ErnieOptions { ApiKey = "bce-v3/a/b", SecretKey = "  " };

        Assert.False(options.UsesLegacyProtocol);
        Assert.Empty(options.Validate(Path));
    }

    [Fact]
    public void ToString_NeverPrintsTheKeys()
    {
        var text = new ErnieOptions { ApiKey = "ak-secret-1", SecretKey = "sk-secret-2" }.ToString();

        Assert.DoesNotContain("ak-secret-1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-secret-2", text, StringComparison.Ordinal);
    }
}
