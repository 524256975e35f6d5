using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Providers.Hunyuan;

/// <summary>
/// Native Hunyuan (API 3.0) behaviours checked against tencentcloud-sdk-python hunyuan v20230901
/// (docs/protocols/hunyuan.md, "Differences found").
/// </summary>
public sealed class HunyuanNativeFidelityTests : VendorWireTests
{
    protected override string PayloadFolder => "hunyuan";

    private HunyuanChatClient CreateClient() =>
        new(new HunyuanOptions { SecretId = "AKIDfidelityTestSecretId0000", SecretKey = SecretApiKey, Endpoint = new Uri(Server.Url!), MaxRetryAttempts = 0 });

    /// <summary>
    /// models.py ChatCompletionsRequest.Messages: "system 角色可选，如存在则必须位于列表的最开始" — one optional system
    /// message, first. Instructions plus a system message (or a system message later in the history) must reach the
    /// wire as one leading system message.
    /// </summary>
    [Fact]
    public async Task GetResponseAsync_InstructionsAndSystemMessages_SendOneLeadingSystemMessage()
    {
        Serve("native-chat.json");
        using var client = CreateClient();
        List<ChatMessage> history =
        [
            new(ChatRole.System, "你是一名导游。"),
            new(ChatRole.User, "你好"),
            new(ChatRole.Assistant, "你好！"),
            new(ChatRole.System, "回答要简短。"),
            new(ChatRole.User, "介绍一下杭州"),
        ];

        await client.GetResponseAsync(history, new ChatOptions { Instructions = "用中文回答。" });

        var messages = JsonDocument.Parse(Assert.Single(Server.LogEntries).RequestMessage.Body!).RootElement.GetProperty("Messages");
        var roles = messages.EnumerateArray().Select(m => m.GetProperty("Role").GetString()).ToList();
        Assert.Equal(["system", "user", "assistant", "user"], roles);
        Assert.Equal("用中文回答。\n\n你是一名导游。\n\n回答要简短。", messages[0].GetProperty("Content").GetString());
        Assert.Equal("介绍一下杭州", messages[3].GetProperty("Content").GetString());
    }

    /// <summary>A single leading system message is sent unchanged.</summary>
    [Fact]
    public async Task GetResponseAsync_OneLeadingSystemMessage_IsSentAsIs()
    {
        Serve("native-chat.json");
        using var client = CreateClient();

        await client.GetResponseAsync([new(ChatRole.System, "你是一名导游。"), new(ChatRole.User, "你好")]);

        var messages = JsonDocument.Parse(Assert.Single(Server.LogEntries).RequestMessage.Body!).RootElement.GetProperty("Messages");
        Assert.Equal(2, messages.GetArrayLength());
        Assert.Equal("你是一名导游。", messages[0].GetProperty("Content").GetString());
    }

    /// <summary>
    /// models.py ChatCompletionsRequest.Messages: "数量最多支持40个" — at most 40 entries. A 41st is refused before
    /// anything is sent, as InvalidRequest naming the limit (the service's own answer is an opaque parameter error).
    /// </summary>
    [Fact]
    public async Task GetResponseAsync_MoreThan40Messages_IsRefusedBeforeSending()
    {
        Serve("native-chat.json");
        using var client = CreateClient();

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(Conversation(41)));

        Assert.Equal(LlmErrorKind.InvalidRequest, ex.Kind);
        Assert.Equal("hunyuan", ex.Provider);
        Assert.Contains("40", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Server.LogEntries);
    }

    /// <summary>Exactly 40 entries (after the system messages are merged into one) are sent.</summary>
    [Fact]
    public async Task GetResponseAsync_40MessagesAfterMergingSystemMessages_IsSent()
    {
        Serve("native-chat.json");
        using var client = CreateClient();
        var history = Conversation(40);
        history.Insert(0, new ChatMessage(ChatRole.System, "你是一名导游。"));

        await client.GetResponseAsync(history, new ChatOptions { Instructions = "用中文回答。" });

        var messages = JsonDocument.Parse(Assert.Single(Server.LogEntries).RequestMessage.Body!).RootElement.GetProperty("Messages");
        Assert.Equal(40, messages.GetArrayLength());
    }

    /// <summary>A conversation of <paramref name="count"/> entries: a system message, then user and assistant turns, ending on user.</summary>
    private static List<ChatMessage> Conversation(int count)
    {
        var history = new List<ChatMessage> { new(ChatRole.System, "回答要简短。") };
        for (var i = 1; i < count; i++)
        {
            history.Add(new ChatMessage((count - i) % 2 == 1 ? ChatRole.User : ChatRole.Assistant, $"第{i}句"));
        }

        return history;
    }
}
