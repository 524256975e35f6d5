using System.Text;
using System.Text.Json;

namespace ChineseLlm.Client.OpenAiCompatible.Wire;

/// <summary>
/// The hand-written reader must give exactly what the source-generated serializer gives: the same objects for every
/// chunk and every JSON body in the vendor fixtures and for the odd shapes below, and a <see cref="JsonException"/>
/// wherever the serializer throws one.
/// </summary>
public sealed class ChatCompletionReaderTests
{
    public static TheoryData<string, string> FixtureChunks()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Payloads"), "*.sse", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var lineNumber = 0;
            foreach (var line in File.ReadLines(file))
            {
                lineNumber++;
                if (line.StartsWith("data:", StringComparison.Ordinal) && line.AsSpan(5).Trim() is { IsEmpty: false } json && !json.SequenceEqual("[DONE]"))
                {
                    data.Add($"{Path.GetFileName(Path.GetDirectoryName(file))}/{Path.GetFileName(file)}:{lineNumber}", json.ToString());
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FixtureChunks))]
    public void ReadChunk_FixtureChunk_MatchesTheSerializer(string where, string json)
    {
        AssertSameAsSerializer(json, where);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("  {\"id\":\"a\"}  \n")]
    [InlineData("{\"id\":null,\"model\":null,\"created\":null,\"choices\":null,\"usage\":null,\"error\":null}")]
    [InlineData("{\"created\":\"1749188623\",\"choices\":[{\"index\":\"2\",\"delta\":{\"content\":\"x\"}}]}")]
    [InlineData("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\",},},],}")]
    [InlineData("{\"choices\":[null,{\"index\":1,\"delta\":null,\"finish_reason\":\"stop\"}]}")]
    [InlineData("{\"choices\":[]}")]
    [InlineData("{\"id\":\"a\",\"id\":\"b\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"1\",\"content\":\"2\"}}]}")]
    [InlineData("{\"Id\":\"a\",\"MODEL\":\"m\",\"choices\":[{\"Index\":3,\"Delta\":{\"Content\":\"x\"}}]}")]
    [InlineData("{\"\\u0069d\":\"escaped name\",\"model\":\"\\u6a21\\u578b\\n\"}")]
    [InlineData("{\"unknown\":{\"deep\":[1,{\"x\":[true,false,null]}]},\"logprobs\":null,\"system_fingerprint\":\"fp\"}")]
    [InlineData("{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"refusal\":\"no\",\"reasoning_content\":\"r\",\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\":1}\"}}]},\"logprobs\":null,\"finish_reason\":null,\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3}}]}")]
    [InlineData("{\"usage\":{\"prompt_tokens\":\"9\",\"completion_tokens\":11,\"total_tokens\":20,\"prompt_tokens_details\":{\"cached_tokens\":8},\"completion_tokens_details\":{\"reasoning_tokens\":4},\"prompt_cache_hit_tokens\":8,\"prompt_cache_miss_tokens\":1}}")]
    [InlineData("{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\",\"param\":null,\"code\":1301}}")]
    [InlineData("{\"error\":{\"message\":\"bad\",\"code\":\"invalid_request_error\"}}")]
    [InlineData("{\"created\":-5,\"choices\":[{\"index\":-1}]}")]
    [InlineData("{\"created\":\"-5\"}")]
    [InlineData("{\"created\":\"+5\"}")]
    [InlineData("{\"created\":\"\\u0035\"}")]
    [InlineData("{\"object\":\"chat.completion.chunk\",\"system_fingerprint\":null,\"base_resp\":{\"status_code\":0,\"status_msg\":\"\"},\"code\":0,\"sid\":\"cht000\"}")]
    [InlineData("{\"x\":{\"a\":[1]},\"x\":2,\"X\":[],\"\\u0078\":\"escaped duplicate\"}")]
    [InlineData("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\",\"reasoning_details\":[{\"type\":\"reasoning.text\",\"text\":\"r\"}],\"Content\":\"other case\"}}]}")]
    public void ReadChunk_OddButValidShapes_MatchTheSerializer(string json)
    {
        AssertSameAsSerializer(json, json);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("{\"id\":5}")]
    [InlineData("{\"model\":true}")]
    [InlineData("{\"created\":1.5}")]
    [InlineData("{\"created\":\"1.5\"}")]
    [InlineData("{\"created\":\" 5\"}")]
    [InlineData("{\"created\":\"\"}")]
    [InlineData("{\"created\":99999999999999999999}")]
    [InlineData("{\"choices\":{}}")]
    [InlineData("{\"choices\":\"x\"}")]
    [InlineData("{\"choices\":[1]}")]
    [InlineData("{\"choices\":[{\"index\":null}]}")]
    [InlineData("{\"choices\":[{\"index\":2147483648}]}")]
    [InlineData("{\"choices\":[{\"index\":\"2147483648\"}]}")]
    [InlineData("{\"choices\":[{\"delta\":[]}]}")]
    [InlineData("{\"choices\":[{\"delta\":{\"content\":1}}]}")]
    [InlineData("{\"choices\":[{\"finish_reason\":{}}]}")]
    [InlineData("{\"usage\":[]}")]
    [InlineData("{\"id\":\"a\"} x")]
    [InlineData("{\"id\":\"a\"}{}")]
    [InlineData("{\"id\":\"a\"")]
    [InlineData("{\"id\":\"a\",}")]
    [InlineData("{/* comment */}")]
    [InlineData("{\"id\":'a'}")]
    public void ReadChunk_InvalidChunk_ThrowsJsonExceptionLikeTheSerializer(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var serializerFailed = Record.Exception(() => JsonSerializer.Deserialize(bytes, OpenAiCompatibleJsonContext.Default.ChatCompletionChunk));
        var readerFailed = Record.Exception(() => new ChatCompletionReader().ReadChunk(bytes));

        // "{\"id\":\"a\",}" is valid for both: trailing commas are allowed. Everything else fails in both.
        if (serializerFailed is null)
        {
            Assert.Null(readerFailed);
            AssertSameAsSerializer(json, json);
            return;
        }

        Assert.IsAssignableFrom<JsonException>(serializerFailed);
        Assert.IsAssignableFrom<JsonException>(readerFailed);
    }

    [Fact]
    public void ReadChunk_InvalidUtf8InAString_ThrowsJsonException()
    {
        byte[] bytes = [.. "{\"choices\":[{\"delta\":{\"content\":\""u8, 0xC3, 0x28, .. "\"}}]}"u8];

        Assert.IsAssignableFrom<JsonException>(Record.Exception(() => JsonSerializer.Deserialize(bytes, OpenAiCompatibleJsonContext.Default.ChatCompletionChunk)));
        Assert.IsAssignableFrom<JsonException>(Record.Exception(() => new ChatCompletionReader().ReadChunk(bytes)));
    }

    [Fact]
    public void ReadChunk_RepeatedIdAndModel_ReusesTheFirstChunksStrings()
    {
        var reader = new ChatCompletionReader();

        var first = reader.ReadChunk("{\"id\":\"e342\",\"model\":\"deepseek-chat\",\"choices\":[]}"u8)!;
        var second = reader.ReadChunk("{\"id\":\"e342\",\"model\":\"deepseek-chat\",\"choices\":[]}"u8)!;
        var third = reader.ReadChunk("{\"id\":\"other\",\"model\":\"deepseek-chat\"}"u8)!;

        Assert.Same(first.Id, second.Id);
        Assert.Same(first.Model, second.Model);
        Assert.Equal("other", third.Id);
        Assert.Same(first.Model, third.Model);
    }

    [Fact]
    public void ReadChunk_RepeatedExtraFields_ReuseNameAndElementButNotTheDictionary()
    {
        var reader = new ChatCompletionReader();

        var first = reader.ReadChunk("{\"object\":\"chat.completion.chunk\",\"base_resp\":{\"status_code\":0}}"u8)!;
        var second = reader.ReadChunk("{\"object\":\"chat.completion.chunk\",\"base_resp\":{\"status_code\":1}}"u8)!;

        Assert.NotSame(first.ExtraFields, second.ExtraFields);
        Assert.Same(first.ExtraFields!.Keys.First(), second.ExtraFields!.Keys.First());
        Assert.Equal("chat.completion.chunk", second.ExtraFields["object"].GetString());
        Assert.Equal(0, first.ExtraFields["base_resp"].GetProperty("status_code").GetInt32());
        Assert.Equal(1, second.ExtraFields["base_resp"].GetProperty("status_code").GetInt32());

        // A dialect may normalise a chunk in place: that never reaches the next chunk.
        first.ExtraFields.Remove("object");
        var third = reader.ReadChunk("{\"object\":\"chat.completion.chunk\"}"u8)!;
        Assert.Equal("chat.completion.chunk", third.ExtraFields!["object"].GetString());
    }

    [Fact]
    public void ReadChunk_SameExtraFieldsAsThePreviousChunk_ShareTheReadListButEachChunkGetsItsOwnDictionary()
    {
        var reader = new ChatCompletionReader();
        const string Extras = "\"object\":\"chat.completion.chunk\",\"system_fingerprint\":\"fp_3a5770e1b4\"";

        var first = reader.ReadChunk(Encoding.UTF8.GetBytes("{\"id\":\"a\"," + Extras + "}"))!;
        var second = reader.ReadChunk(Encoding.UTF8.GetBytes("{\"id\":\"a\"," + Extras + "}"))!;
        var changed = reader.ReadChunk(Encoding.UTF8.GetBytes("{\"id\":\"a\",\"object\":\"chat.completion.chunk\",\"system_fingerprint\":\"fp_other\"}"))!;
        var none = reader.ReadChunk("{\"id\":\"a\"}"u8)!;

        Assert.Same(first.ReadExtras!.Value.Array, second.ReadExtras!.Value.Array); // the remembered fields: no per-chunk copy
        Assert.Equal(2, second.ReadExtras.Value.Count);
        Assert.NotSame(first.ReadExtras.Value.Array, changed.ReadExtras!.Value.Array);
        Assert.Null(none.ReadExtras);
        Assert.Null(none.ExtraFields);

        Assert.NotSame(first.ExtraFields, second.ExtraFields);
        Assert.Equal("fp_3a5770e1b4", second.ExtraFields!["system_fingerprint"].GetString());
        Assert.Equal("fp_other", changed.ExtraFields!["system_fingerprint"].GetString());
        first.ExtraFields!.Remove("object");
        Assert.Equal("chat.completion.chunk", second.ExtraFields["object"].GetString());
    }

    [Fact]
    public void ReadChunk_MoreFieldsRememberedLater_EarlierChunksKeepTheirOwnFields()
    {
        var reader = new ChatCompletionReader();

        var early = reader.ReadChunk("{\"a\":1,\"b\":2}"u8)!;
        var later = reader.ReadChunk("{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6}"u8)!; // the remembered fields outgrow their first array
        var reordered = reader.ReadChunk("{\"b\":2,\"a\":1}"u8)!;
        var many = new ChatCompletionReader();
        var wide = many.ReadChunk(Encoding.UTF8.GetBytes("{" + string.Join(',', Enumerable.Range(0, 20).Select(i => $"\"f{i}\":{i}")) + "}"))!;

        Assert.Equal(["a", "b"], early.ExtraFields!.Keys);
        Assert.Equal(6, later.ExtraFields!.Count);
        Assert.Equal(6, later.ExtraFields["f"].GetInt32());
        Assert.Equal(["b", "a"], reordered.ExtraFields!.Keys);
        Assert.Equal(20, wide.ExtraFields!.Count); // more than the reader remembers: all of them still arrive
        Assert.Equal(19, wide.ExtraFields["f19"].GetInt32());
    }

    [Fact]
    public void ReadChunk_ARepeatedExtraName_LastOneWinsAsWithTheSerializer()
    {
        var json = "{\"code\":1,\"code\":2}"u8;
        var ours = new ChatCompletionReader().ReadChunk(json)!;
        var serializer = JsonSerializer.Deserialize(json, OpenAiCompatibleJsonContext.Default.ChatCompletionChunk)!;

        Assert.Equal(2, ours.ExtraFields!["code"].GetInt32());
        Assert.Equal(serializer.ExtraFields!["code"].GetInt32(), ours.ExtraFields["code"].GetInt32());
    }

    [Fact]
    public void ReadChunk_ChunksOfAWholeStream_EachMatchTheSerializerWithOneReader()
    {
        var reader = new ChatCompletionReader();
        foreach (var row in FixtureChunks())
        {
            var json = (string)row[1];
            var bytes = Encoding.UTF8.GetBytes(json);
            var expected = JsonSerializer.Deserialize(bytes, OpenAiCompatibleJsonContext.Default.ChatCompletionChunk);
            Assert.Equal(Serialize(expected), Serialize(reader.ReadChunk(bytes)));
        }
    }

    public static TheoryData<string> FixtureBodies()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Payloads"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Path.Combine(AppContext.BaseDirectory, "Payloads"), file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FixtureBodies))]
    public void ReadResponse_FixtureBody_MatchesTheSerializerOrFailsLikeIt(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Payloads", file));

        AssertSameResponse(bytes, file);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("{\"id\":\"r\",\"object\":\"chat.completion\",\"created\":\"17\",\"model\":\"m\",\"system_fingerprint\":null,\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\",\"reasoning_details\":[1]},\"logprobs\":null,\"finish_reason\":\"stop\",\"extra\":1},null],\"usage\":{\"prompt_tokens\":1},\"base_resp\":{\"status_code\":0},}")]
    [InlineData("{\"code\":10013,\"message\":\"bad\",\"sid\":\"cht\",\"choices\":[]}")]
    [InlineData("{\"error\":{\"message\":\"m\",\"type\":\"t\",\"code\":\"c\"},\"choices\":null}")]
    [InlineData("{\"choices\":[{\"message\":null,\"index\":\"1\"}]}")]
    [InlineData("{\"choices\":[{\"message\":[]}]}")]
    [InlineData("{\"choices\":[{\"index\":null}]}")]
    [InlineData("{\"usage\":{\"prompt_tokens\":\"9\",\"completion_tokens\":null,\"total_tokens\":20,\"prompt_tokens_details\":{\"cached_tokens\":\"8\",\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":4,\"accepted_prediction_tokens\":{}},\"cached_tokens\":1,\"prompt_cache_hit_tokens\":8,\"prompt_cache_miss_tokens\":1,\"extra\":[1]}}")]
    [InlineData("{\"usage\":{\"prompt_tokens_details\":null,\"completion_tokens_details\":null}}")]
    [InlineData("{\"usage\":{\"prompt_tokens\":1.5}}")]
    [InlineData("{\"usage\":{\"prompt_tokens\":\"x\"}}")]
    [InlineData("{\"usage\":{\"prompt_tokens\":2147483648}}")]
    [InlineData("{\"usage\":{\"prompt_tokens_details\":[]}}")]
    [InlineData("{\"usage\":{\"completion_tokens_details\":{\"reasoning_tokens\":true}}}")]
    [InlineData("{\"usage\":3}")]
    [InlineData("{\"object\":1}")]
    [InlineData("{\"system_fingerprint\":{}}")]
    [InlineData("[]")]
    [InlineData("{\"id\":\"a\"} {}")]
    public void ReadResponse_Shapes_MatchTheSerializerOrFailLikeIt(string json)
    {
        AssertSameResponse(Encoding.UTF8.GetBytes(json), json);
    }

    private static void AssertSameResponse(byte[] bytes, string where)
    {
        ChatCompletionResponse? expected = null;
        var serializerFailed = Record.Exception(() => expected = JsonSerializer.Deserialize(bytes.AsSpan().Trim(" \t\r\n"u8), OpenAiCompatibleJsonContext.Default.ChatCompletionResponse));
        ChatCompletionResponse? actual = null;
        var readerFailed = Record.Exception(() => actual = new ChatCompletionReader().ReadResponse(bytes.AsSpan().Trim(" \t\r\n"u8)));

        if (serializerFailed is not null)
        {
            Assert.IsAssignableFrom<JsonException>(serializerFailed);
            Assert.IsAssignableFrom<JsonException>(readerFailed);
            return;
        }

        Assert.Null(readerFailed);
        var expectedJson = JsonSerializer.Serialize(expected, OpenAiCompatibleJsonContext.Default.ChatCompletionResponse);
        var actualJson = JsonSerializer.Serialize(actual, OpenAiCompatibleJsonContext.Default.ChatCompletionResponse);
        Assert.True(expectedJson == actualJson, $"{where}: serializer {expectedJson}, reader {actualJson}");
        if (expected?.Choices is { } choices)
        {
            Assert.Equal(choices.Select(c => c is null), actual!.Choices!.Select(c => c is null));
        }
    }

    private static void AssertSameAsSerializer(string json, string where)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var expected = JsonSerializer.Deserialize(bytes, OpenAiCompatibleJsonContext.Default.ChatCompletionChunk);
        var actual = new ChatCompletionReader().ReadChunk(bytes);

        Assert.True(Serialize(expected) == Serialize(actual), $"{where}: serializer {Serialize(expected)}, reader {Serialize(actual)}");
        if (expected?.Choices is { } choices)
        {
            // Null elements are kept (the serializer keeps them, and the mapping reads choices[0]).
            Assert.Equal(choices.Select(c => c is null), actual!.Choices!.Select(c => c is null));
        }
    }

    private static string Serialize(ChatCompletionChunk? chunk) =>
        JsonSerializer.Serialize(chunk, OpenAiCompatibleJsonContext.Default.ChatCompletionChunk);
}
