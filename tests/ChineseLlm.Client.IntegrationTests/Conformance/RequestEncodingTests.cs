using System.Collections.Concurrent;
using System.Text;
using ChineseLlm.Client.Faults;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.Conformance;

/// <summary>
/// Chinese text goes on the wire as UTF-8, not as <c>\uXXXX</c> escapes, on every protocol (issue 18): the bytes a
/// loopback server receives carry 你好 as E4 BD A0 E5 A5 BD, and a 20,000-character Chinese prompt costs at most 1.05×
/// its own UTF-8 size on top of the request's JSON framing (an escaped prompt would cost 2×).
/// </summary>
public sealed class RequestEncodingTests
{
    private static readonly byte[] NiHaoUtf8 = [0xE4, 0xBD, 0xA0, 0xE5, 0xA5, 0xBD];

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetResponseAsync_ChinesePrompt_IsSentAsUtf8(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        var (body, _) = await SendAsync(profile, "你好");

        Assert.True(body.AsSpan().IndexOf(NiHaoUtf8) >= 0, $"{provider}: 你好 not found as UTF-8 in {Encoding.UTF8.GetString(body)}");
        Assert.DoesNotContain("\\u4f60", Encoding.UTF8.GetString(body), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task GetResponseAsync_TwentyThousandCharacterChinesePrompt_CostsAtMostItsUtf8SizeTimes1Point05PlusFraming(string provider)
    {
        var profile = ProviderProfiles.Get(provider);
        var prompt = ChinesePrompt(20_000);
        var promptUtf8 = Encoding.UTF8.GetBytes(prompt);

        // The framing is everything the request carries besides the prompt: the same request with a one-byte prompt.
        var (small, _) = await SendAsync(profile, "x");
        var framing = small.Length - 1;
        var (large, response) = await SendAsync(profile, prompt);

        Assert.Contains(profile.ChatText, response.Text, StringComparison.Ordinal);
        Assert.True(large.AsSpan().IndexOf(promptUtf8) >= 0, $"{provider}: the prompt's UTF-8 bytes are not in the body");
        Assert.True(
            large.Length <= (1.05 * promptUtf8.Length) + framing,
            $"{provider}: {large.Length} request bytes for a {promptUtf8.Length}-byte UTF-8 prompt with {framing} bytes of framing");
    }

    /// <summary>Chinese prose with full-width punctuation, <paramref name="length"/> characters long.</summary>
    private static string ChinesePrompt(int length)
    {
        const string sentence = "请用简洁的中文总结下面这段关于长江流域气候与农业的文字，并列出三个要点。";
        var builder = new StringBuilder(length + sentence.Length);
        while (builder.Length < length)
        {
            builder.Append(sentence);
        }

        return builder.ToString(0, length);
    }

    /// <summary>Sends one non-stream call with <paramref name="prompt"/>; returns the chat request's body bytes as received.</summary>
    private static async Task<(byte[] Body, ChatResponse Response)> SendAsync(ProviderProfile profile, string prompt)
    {
        var bodies = new ConcurrentQueue<byte[]>();
        var answer = profile.Read(profile.ChatFixture);
        await using var server = await FaultServer.StartAsync(async (context, _) =>
        {
            using var copy = new MemoryStream();
            await context.Request.Body.CopyToAsync(copy, context.RequestAborted);
            bodies.Enqueue(copy.ToArray());
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer, context.RequestAborted);
        });
        profile.Prepare(server);
        using var client = profile.CreateClient(server.BaseUri);

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)]).WaitAsync(FaultRun.HangLimit);

        return (Assert.Single(bodies), response);
    }
}
