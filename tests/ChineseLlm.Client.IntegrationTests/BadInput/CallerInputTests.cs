using ChineseLlm.Client.Faults;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.BadInput;

/// <summary>
/// A null element in a caller's messages, a message's contents or the tools is a clear
/// <see cref="LlmErrorKind.InvalidRequest"/> that says where it is, for every provider and for the router, streaming or
/// not — and nothing is sent (the loopback server counts no request).
/// </summary>
public sealed class CallerInputTests
{
    public static TheoryData<string, string, bool> Cases()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var profile in ProviderProfiles.All)
        {
            foreach (var where in new[] { "message", "content", "tool" })
            {
                data.Add(profile.Id, where, false);
                data.Add(profile.Id, where, true);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ProviderClient_NullElement_IsInvalidRequestAndSendsNothing(string id, string where, bool streaming)
    {
        var profile = ProviderProfiles.Get(id);
        await using var server = await FaultServer.StartAsync(FaultResponses.Json(profile.Read(profile.ChatFixture)));
        profile.Prepare(server);
        using var client = profile.CreateClient(server.BaseUri);
        var (messages, options) = WithNull(where);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => CallAsync(client, messages, options, streaming));

        Assert.Equal((profile.Key, LlmErrorKind.InvalidRequest, false), (ex.Provider, ex.Kind, ex.IsTransient));
        Assert.Contains(where == "tool" ? "Tools[0]" : where == "content" ? "messages[0].Contents[1]" : "messages[1]", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.Hits);
    }

    [Theory]
    [InlineData("message", false)]
    [InlineData("content", true)]
    [InlineData("tool", false)]
    [InlineData("tool", true)]
    public async Task Router_NullElement_IsInvalidRequestAndSendsNothing(string where, bool streaming)
    {
        var profile = ProviderProfiles.Get("deepseek");
        await using var server = await FaultServer.StartAsync(FaultResponses.Json(profile.Read(profile.ChatFixture)));
        using var router = new CostAwareChatClient(
            new Dictionary<string, IChatClient> { ["deepseek"] = profile.CreateClient(server.BaseUri) },
            new RoutingOptions(),
            models: null,
            TimeProvider.System);
        var (messages, options) = WithNull(where);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => CallAsync(router, messages, options, streaming));

        Assert.Equal(LlmErrorKind.InvalidRequest, ex.Kind);
        Assert.Equal(0, server.Hits);
    }

    private static (List<ChatMessage> Messages, ChatOptions? Options) WithNull(string where) => where switch
    {
        "message" => ([new(ChatRole.User, "你好"), null!], null),
        "content" => ([new(ChatRole.User, [new TextContent("你好"), null!])], null),
        _ => ([new(ChatRole.User, "你好")], new ChatOptions { Tools = [null!] }),
    };

    private static async Task CallAsync(IChatClient client, List<ChatMessage> messages, ChatOptions? options, bool streaming)
    {
        if (!streaming)
        {
            await client.GetResponseAsync(messages, options);
            return;
        }

        await foreach (var update in client.GetStreamingResponseAsync(messages, options))
        {
            _ = update;
        }
    }
}
