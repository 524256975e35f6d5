namespace ChineseLlm.Client.Providers.Qwen;

public sealed class QwenEndpointsTests
{
    [Theory]
    [InlineData("qwen-plus", false)]
    [InlineData("qwen-max", false)]
    [InlineData("qwen-flash", false)]
    [InlineData("qwen3-max", false)]
    [InlineData("qwen3.7-max", false)]
    [InlineData("qwen3-coder-plus", false)]
    [InlineData("qwen-vl-plus", true)]
    [InlineData("qwen2.5-vl-72b-instruct", true)]
    [InlineData("qwen3-vl-plus", true)]
    [InlineData("qvq-max", true)]
    [InlineData("qwen3.5-plus", true)]
    [InlineData("qwen3.6-flash", true)]
    [InlineData("qwen3.7-plus-2026-09-01", true)]
    [InlineData("qwen2.5-plus", false)]
    public void IsMultimodalModel_DocumentedFamilies_AreRecognised(string model, bool expected) =>
        Assert.Equal(expected, QwenEndpoints.IsMultimodalModel(model));

    [Fact]
    public void Native_EachRegion_IsItsDashScopeDomainWithApiV1()
    {
        Assert.Equal(new Uri("https://dashscope.aliyuncs.com/api/v1"), QwenEndpoints.Native(QwenRegion.Beijing));
        Assert.Equal(new Uri("https://dashscope-intl.aliyuncs.com/api/v1"), QwenEndpoints.Native(QwenRegion.Singapore));
        Assert.Equal(new Uri("https://dashscope-us.aliyuncs.com/api/v1"), QwenEndpoints.Native(QwenRegion.Virginia));
        Assert.Equal(new Uri("https://cn-hongkong.dashscope.aliyuncs.com/api/v1"), QwenEndpoints.Native(QwenRegion.HongKong));
    }
}
