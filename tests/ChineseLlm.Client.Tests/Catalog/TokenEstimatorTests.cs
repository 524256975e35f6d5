using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Catalog;

public class TokenEstimatorTests
{
    private const int Overhead = TokenEstimator.MessageOverhead;

    // Expected counts were cross-checked with an independent o200k_base implementation (the gpt-tokenizer npm package).
    [Theory]
    [InlineData("Hello, world!", 4)]
    [InlineData("你好，世界！", 4)]
    [InlineData("The quick brown fox jumps over the lazy dog.", 10)]
    [InlineData("请用一句话介绍深度求索（DeepSeek）。", 13)]
    [InlineData("tiktoken is great!", 6)]
    [InlineData("", 0)]
    [InlineData(null, 0)]
    public void CountTokens_KnownText_MatchesO200kBase(string? text, int expected)
    {
        Assert.Equal(expected, TokenEstimator.Shared.CountTokens(text));
    }

    [Fact]
    public void Shared_IsCreatedOnce()
    {
        Assert.Same(TokenEstimator.Shared, TokenEstimator.Shared);
    }

    [Fact]
    public void EstimateInputTokens_TextMessages_AddsPerMessageOverheadAndReplyPrimer()
    {
        ChatMessage[] messages =
        [
            new(ChatRole.System, "Hello, world!"),
            new(ChatRole.User, "你好，世界！"),
        ];

        var tokens = TokenEstimator.Shared.EstimateInputTokens(messages);

        Assert.Equal(TokenEstimator.ReplyPrimer + (Overhead + 4) + (Overhead + 4), tokens);
    }

    [Fact]
    public void EstimateInputTokens_Image_CountsFlatEstimate()
    {
        ChatMessage[] messages =
        [
            new(ChatRole.User, [new TextContent("Hello, world!"), new DataContent(new byte[] { 1, 2, 3 }, "image/png"), new UriContent("https://example.com/a.jpg", "image/jpeg")]),
        ];

        var tokens = TokenEstimator.Shared.EstimateInputTokens(messages);

        Assert.Equal(TokenEstimator.ReplyPrimer + Overhead + 4 + (2 * TokenEstimator.ImageTokens), tokens);
    }

    [Fact]
    public void EstimateInputTokens_ToolCallsAndResults_CountNamesArgumentsAndResults()
    {
        ChatMessage[] messages =
        [
            new(ChatRole.Assistant, [new FunctionCallContent("call", "weather", new Dictionary<string, object?> { ["city"] = "Hello, world!" })]),
            new(ChatRole.Tool, [new FunctionResultContent("call", "你好，世界！")]),
        ];

        var estimator = TokenEstimator.Shared;
        var tokens = estimator.EstimateInputTokens(messages);

        var expected = TokenEstimator.ReplyPrimer
            + Overhead + estimator.CountTokens("call") + estimator.CountTokens("weather") + estimator.CountTokens("city") + 4
            + Overhead + estimator.CountTokens("call") + 4;
        Assert.Equal(expected, tokens);
    }

    [Fact]
    public void EstimateInputTokens_Options_CountInstructionsToolsAndSchema()
    {
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}}}""");
        var options = new ChatOptions
        {
            Instructions = "Hello, world!",
            Tools = [AIFunctionFactory.CreateDeclaration("weather", "tiktoken is great!", schema.RootElement)],
            ResponseFormat = ChatResponseFormat.ForJsonSchema(schema.RootElement, "answer"),
        };
        ChatMessage[] messages = [new(ChatRole.User, "Hello, world!")];

        var estimator = TokenEstimator.Shared;
        var withOptions = estimator.EstimateInputTokens(messages, options);
        var without = estimator.EstimateInputTokens(messages);

        var schemaTokens = estimator.CountTokens(schema.RootElement.GetRawText());
        Assert.True(schemaTokens > 10);
        var expectedExtra = (Overhead + 4) // instructions
            + estimator.CountTokens("weather") + 6 + schemaTokens // tool
            + schemaTokens + estimator.CountTokens("answer"); // response schema
        Assert.Equal(without + expectedExtra, withOptions);
    }

    [Fact]
    public void EstimateInputTokens_LongChineseText_GrowsWithLength()
    {
        var text = string.Concat(Enumerable.Repeat("请用一句话介绍深度求索（DeepSeek）。", 100));

        var tokens = TokenEstimator.Shared.EstimateInputTokens([new ChatMessage(ChatRole.User, text)]);

        // 100 repetitions of a 13-token sentence; merges across the seams may save a few tokens.
        Assert.InRange(tokens, 1_250, 1_300 + TokenEstimator.ReplyPrimer + Overhead);
    }
}
