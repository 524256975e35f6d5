namespace ChineseLlm.Client.Providers.MiniMax;

public sealed class ThinkTagSplitterTests
{
    [Fact]
    public void Push_WholeBlockThenAnswer_SplitsAndTrimsBlankLines()
    {
        var splitter = new ThinkTagSplitter();

        var (reasoning, answer) = splitter.Push("<think>\n想一想\n</think>\n\n答案");

        Assert.Equal("\n想一想\n", reasoning);
        Assert.Equal("答案", answer);
    }

    [Fact]
    public void Push_TagsCutAcrossDeltas_AreRecognised()
    {
        var splitter = new ThinkTagSplitter();
        var reasoning = "";
        var answer = "";

        foreach (var delta in new[] { "<th", "ink>推", "理</thi", "nk>", "\n", "结", "果" })
        {
            var (r, a) = splitter.Push(delta);
            reasoning += r;
            answer += a;
        }

        var (restR, restA) = splitter.Flush();
        Assert.Equal("推理", reasoning + restR);
        Assert.Equal("结果", answer + restA);
    }

    [Fact]
    public void Push_NoTags_IsAllAnswer()
    {
        var splitter = new ThinkTagSplitter();

        var (reasoning, answer) = splitter.Push("a < b and c > d");
        var (restR, restA) = splitter.Flush();

        Assert.Equal(string.Empty, reasoning + restR);
        Assert.Equal("a < b and c > d", answer + restA);
    }

    [Fact]
    public void Flush_UnfinishedTagPrefix_IsReleasedAsText()
    {
        var splitter = new ThinkTagSplitter();

        var (_, answer) = splitter.Push("x <thi");
        var (_, rest) = splitter.Flush();

        Assert.Equal("x ", answer);
        Assert.Equal("<thi", rest);
    }
}
