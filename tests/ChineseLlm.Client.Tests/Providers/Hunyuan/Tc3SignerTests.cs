using ChineseLlm.Client.Http;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace ChineseLlm.Client.Providers.Hunyuan;

public sealed class Tc3SignerTests
{
    // Tencent's published example, cloud.tencent.com/document/api/213/30654 "签名方法 v3" (mirrored in
    // tencentyun/qcloud-documents): CVM DescribeInstances in ap-guangzhou at 1551113065, the body exactly as
    // printed (the \u escapes are literal characters of the body, as Python's json.dumps wrote them).
    private const string TencentSecretId = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
    private const string TencentSecretKey = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
    private const long TencentTimestamp = 1551113065;
    private const string TencentPayload = """{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}""";

    private const string TencentCanonicalRequest =
        "POST\n" +
        "/\n" +
        "\n" +
        "content-type:application/json; charset=utf-8\n" +
        "host:cvm.tencentcloudapi.com\n" +
        "\n" +
        "content-type;host\n" +
        "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064";

    private const string TencentStringToSign =
        "TC3-HMAC-SHA256\n" +
        "1551113065\n" +
        "2019-02-25/cvm/tc3_request\n" +
        "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031";

    private const string TencentAuthorization =
        "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, " +
        "SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168";

    // A second worked example over the hunyuan service, with the inputs below (re-derived with Python hmac/hashlib: it holds).
    private const string ProtocolSecretKey = "hiddenHunyuanSecretKey0123456789";
    private const long ProtocolTimestamp = 1763884800;
    private const string ProtocolPayload = """{"Model":"hunyuan-lite","Messages":[{"Role":"user","Content":"你好"}]}""";

    [Fact]
    public void BuildCanonicalRequest_TencentPublishedExample_MatchesDocumentByteForByte()
    {
        var canonical = Tc3Signer.BuildCanonicalRequest(
            "application/json; charset=utf-8", "cvm.tencentcloudapi.com", Encoding.UTF8.GetBytes(TencentPayload));

        Assert.Equal(TencentCanonicalRequest, canonical);
    }

    [Fact]
    public void BuildStringToSign_TencentPublishedExample_MatchesDocumentByteForByte()
    {
        var stringToSign = Tc3Signer.BuildStringToSign(
            TencentTimestamp, Tc3Signer.FormatDate(TencentTimestamp), "cvm", TencentCanonicalRequest);

        Assert.Equal(TencentStringToSign, stringToSign);
    }

    [Theory]
    // The key as first published, and the masked key a later revision of the same page printed with its own signature.
    [InlineData(TencentSecretKey, "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168")]
    [InlineData("Gu5t9xGARNpq86cd98joQYCN3*******", "2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c")]
    public void ComputeSignature_TencentPublishedExample_MatchesPublishedSignature(string secretKey, string expected)
    {
        var signer = new Tc3Signer(TencentSecretId, secretKey, "cvm", TimeProvider.System);

        Assert.Equal(expected, signer.ComputeSignature("2019-02-25", TencentStringToSign));
    }

    [Fact]
    public void Sign_TencentPublishedExample_ProducesPublishedAuthorizationAndHeaders()
    {
        var signer = new Tc3Signer(TencentSecretId, TencentSecretKey, "cvm", TimeProvider.System);

        var headers = signer.Sign(
            "cvm.tencentcloudapi.com", "DescribeInstances", "2017-03-12", "ap-guangzhou", Encoding.UTF8.GetBytes(TencentPayload), TencentTimestamp);

        Assert.Equal(TencentAuthorization, headers.Authorization);
        Assert.Equal(TencentTimestamp, headers.Timestamp);
        Assert.Equal("DescribeInstances", headers.Action);
        Assert.Equal("2017-03-12", headers.Version);
        Assert.Equal("ap-guangzhou", headers.Region);
    }

    [Fact]
    public void Sign_ProtocolWorkedExample_ProducesDocumentedSignature()
    {
        var signer = new Tc3Signer("AKIDhunyuanExample", ProtocolSecretKey, "hunyuan", TimeProvider.System);

        var headers = signer.Sign(
            "hunyuan.tencentcloudapi.com", "ChatCompletions", "2023-09-01", region: null, Encoding.UTF8.GetBytes(ProtocolPayload), ProtocolTimestamp);

        Assert.Equal(
            "TC3-HMAC-SHA256 Credential=AKIDhunyuanExample/2025-11-23/hunyuan/tc3_request, SignedHeaders=content-type;host, " +
            "Signature=e39a3b651d19d7048e3491bb3ba18b238b9798b635d4e84b3008806d70a928a0",
            headers.Authorization);
        Assert.Null(headers.Region);
    }

    [Fact]
    public void BuildCanonicalRequest_ProtocolWorkedExample_HashesTheUtf8Body()
    {
        var canonical = Tc3Signer.BuildCanonicalRequest(
            WireJson.ContentType, "hunyuan.tencentcloudapi.com", Encoding.UTF8.GetBytes(ProtocolPayload));
        var stringToSign = Tc3Signer.BuildStringToSign(ProtocolTimestamp, "2025-11-23", "hunyuan", canonical);

        Assert.EndsWith("\ncontent-type;host\n1231092676bc77bd283af368b3af7ca3bca0fff154607dc3e8c1a8ec16409e93", canonical, StringComparison.Ordinal);
        Assert.Equal(
            "TC3-HMAC-SHA256\n1763884800\n2025-11-23/hunyuan/tc3_request\nacf331cbf4b2bf8aba4a1613886f1567de5a11985cd60a293c51536656d8db6a",
            stringToSign);
    }

    [Fact]
    public void Sign_WithoutTimestamp_ReadsTheTimeProvider()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(ProtocolTimestamp));
        var signer = new Tc3Signer("AKIDhunyuanExample", ProtocolSecretKey, "hunyuan", time);

        var headers = signer.Sign(
            "hunyuan.tencentcloudapi.com", "ChatCompletions", "2023-09-01", null, Encoding.UTF8.GetBytes(ProtocolPayload));

        Assert.Equal(ProtocolTimestamp, headers.Timestamp);
        Assert.EndsWith("Signature=e39a3b651d19d7048e3491bb3ba18b238b9798b635d4e84b3008806d70a928a0", headers.Authorization, StringComparison.Ordinal);

        time.Advance(TimeSpan.FromSeconds(1));
        var later = signer.Sign("hunyuan.tencentcloudapi.com", "ChatCompletions", "2023-09-01", null, Encoding.UTF8.GetBytes(ProtocolPayload));
        Assert.Equal(ProtocolTimestamp + 1, later.Timestamp);
        Assert.NotEqual(headers.Authorization, later.Authorization);
    }

    [Theory]
    [InlineData(1551113065, "2019-02-25")] // 2019-02-26 00:44:25 in UTC+8: the scope date is still the UTC date
    [InlineData(1763884800, "2025-11-23")]
    [InlineData(1763942399, "2025-11-23")] // 23:59:59 UTC
    [InlineData(1763942400, "2025-11-24")]
    public void FormatDate_UsesTheUtcDate(long timestamp, string expected)
    {
        Assert.Equal(expected, Tc3Signer.FormatDate(timestamp));
    }

    [Fact]
    public void BuildCanonicalRequest_HostWithPort_KeepsThePortAndLowercases()
    {
        var canonical = Tc3Signer.BuildCanonicalRequest(" Application/JSON; charset=UTF-8 ", "LocalHost:5123", ReadOnlySpan<byte>.Empty);

        Assert.Contains("\ncontent-type:application/json; charset=utf-8\nhost:localhost:5123\n\n", canonical, StringComparison.Ordinal);
        Assert.EndsWith("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", canonical, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_NeverPutsTheSecretKeyInAHeaderOrToString()
    {
        var signer = new Tc3Signer("AKIDhunyuanExample", ProtocolSecretKey, "hunyuan", TimeProvider.System);

        var headers = signer.Sign("hunyuan.tencentcloudapi.com", "ChatCompletions", "2023-09-01", "ap-guangzhou", "{}"u8, ProtocolTimestamp);

        Assert.DoesNotContain(ProtocolSecretKey, headers.Authorization, StringComparison.Ordinal);
        Assert.DoesNotContain("Signature", headers.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ProtocolSecretKey, signer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyTo_SetsAllHeadersAndReplacesEarlierOnes()
    {
        var signer = new Tc3Signer("AKIDhunyuanExample", ProtocolSecretKey, "hunyuan", TimeProvider.System);
        var headers = signer.Sign("hunyuan.tencentcloudapi.com", "ChatCompletions", "2023-09-01", "ap-guangzhou", "{}"u8, ProtocolTimestamp);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://hunyuan.tencentcloudapi.com/");
        request.Headers.TryAddWithoutValidation("Authorization", "stale");

        headers.ApplyTo(request);

        Assert.Equal(headers.Authorization, Assert.Single(request.Headers.GetValues("Authorization")));
        Assert.Equal("1763884800", Assert.Single(request.Headers.GetValues("X-TC-Timestamp")));
        Assert.Equal("ChatCompletions", Assert.Single(request.Headers.GetValues("X-TC-Action")));
        Assert.Equal("2023-09-01", Assert.Single(request.Headers.GetValues("X-TC-Version")));
        Assert.Equal("ap-guangzhou", Assert.Single(request.Headers.GetValues("X-TC-Region")));
    }

    [Fact]
    public void ApplyTo_WithoutRegion_SendsNoRegionHeader()
    {
        var signer = new Tc3Signer("AKIDhunyuanExample", ProtocolSecretKey, "hunyuan", TimeProvider.System);
        var headers = signer.Sign("hunyuan.tencentcloudapi.com", "ChatCompletions", "2023-09-01", "  ", "{}"u8, ProtocolTimestamp);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://hunyuan.tencentcloudapi.com/");

        headers.ApplyTo(request);

        Assert.Null(headers.Region);
        Assert.False(request.Headers.Contains("X-TC-Region"));
    }

    [Fact]
    public void Constructor_MissingCredentials_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Tc3Signer("", "key", "hunyuan", TimeProvider.System));
        Assert.Throws<ArgumentException>(() => new Tc3Signer("id", "", "hunyuan", TimeProvider.System));
        Assert.ThrowsAny<ArgumentException>(() => new Tc3Signer("id", null!, "hunyuan", TimeProvider.System));
        Assert.Throws<ArgumentNullException>(() => new Tc3Signer("id", "key", "hunyuan", null!));
    }
}
