using System.Globalization;
using ChineseLlm.Client.Faults;
using CsCheck;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Client.BadInput;

/// <summary>
/// Property-based (CsCheck) tests over the response headers a vendor (or a proxy in front of it) sends, written byte
/// for byte by <see cref="RawResponseServer"/>: <c>Retry-After</c> of any form and size, request-id headers with control
/// characters or 10 KB values, a Content-Type no parser knows, <c>x-should-retry</c> garbage — on a success, a 429 and a
/// 503, streaming or not. The only outcomes allowed: an answer, or a <see cref="ChineseLlmException"/> of the provider
/// (whose RetryAfter, when set, is not negative). <see cref="OperationCanceledException"/> is not expected here (no
/// caller cancels). Anything else — FormatException, ArgumentException, OverflowException — fails the sample.
/// </summary>
public sealed class ResponseHeaderPropertyTests
{
    private const int IterationsPerProperty = 60;

    /// <summary>The request-id headers the adapters read (docs/protocols/&lt;vendor&gt;.md).</summary>
    private static readonly string[] RequestIdHeaders =
        ["X-Request-Id", "x-request-id", "X-BC-Request-Id", "Trace-Id", "minimax-request-id", "X-Tc-RequestId", "X-Acs-Request-Id", "X-Ca-Request-Id", "Request-Id"];

    /// <summary>Header values: ordinary, empty, 10 KB, control characters (not CR/LF, which would end the header), non-ASCII, quotes.</summary>
    private static readonly Gen<string> HeaderValue = Gen.Frequency(
        (3, Gen.String[Gen.Char['!', '~'], 1, 40]),
        (1, Gen.Const(string.Empty)),
        (1, Gen.Int[1, 10 * 1024].Select(n => new string('9', n))),
        (1, Gen.Int[1, 10 * 1024].Select(n => new string('a', n))),
        (2, Gen.String[Gen.Char[(char)0, (char)31].Where(c => c is not ('\r' or '\n')), 1, 20].Select(s => "id" + s + "x")),
        (1, Gen.OneOf("\u007f", "请求-编号", "\"quoted\"", "a, b, c", "=?utf-8?q?x?=", "\t", " leading and trailing ")));

    private static readonly Gen<string> RetryAfterValue = Gen.Frequency(
        (2, Gen.Long.Select(n => n.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.Double.Select(d => d.ToString("R", CultureInfo.InvariantCulture))),
        (1, Gen.DateTime.Select(d => d.ToString("r", CultureInfo.InvariantCulture))),
        (1, Gen.Int[1, 10 * 1024].Select(n => new string('9', n))),
        (1, Gen.OneOf("Fri, 31 Dec 9999 23:59:59 GMT", "Mon, 01 Jan 0001 00:00:00 GMT", "-1", "1e308", "NaN", "Infinity", "0x10", "5 seconds", "")),
        (1, HeaderValue));

    private static readonly Gen<string> ContentTypeValue = Gen.Frequency(
        (2, Gen.OneOf("application/json", "text/event-stream", "application/json; charset=utf-8", "text/plain", "text/html")),
        (1, Gen.OneOf("application/json; charset=utf-77", "text/event-stream;;;", "application/json; charset=\"", "/", ";", "application/", "*/*", "application/json; boundary=" + new string('x', 8192))),
        (1, HeaderValue));

    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task AnyResponseHeaders_OnSuccessRateLimitAndServerError_OnlyChineseLlmExceptionEscapes(string id)
    {
        var profile = ProviderProfiles.Get(id);
        var chat = profile.Read(profile.ChatFixture);
        var stream = profile.Read(profile.StreamFixture);
        await using var server = new RawResponseServer(profile);
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var headers = Gen.Select(
            Gen.Int[0, RequestIdHeaders.Length - 1], HeaderValue, RetryAfterValue, ContentTypeValue, HeaderValue, Gen.Int[0, 15]);

        // 200 twice as often as 429 or 503, so that accepted answers are common.
        await Gen.Select(headers, Gen.Frequency((2, Gen.Const(0)), (1, Gen.Const(1)), (1, Gen.Const(2))), Gen.Bool).SampleAsync(
            async (h, statusChoice, streaming) =>
            {
                var (idHeader, idValue, retryAfter, contentType, shouldRetry, mask) = h;
                var status = statusChoice switch { 0 => 200, 1 => 429, _ => 503 };
                var list = new List<(string, string)>();
                if ((mask & 1) != 0 || status == 200)
                {
                    list.Add(("Content-Type", (mask & 8) != 0 ? contentType : streaming && status == 200 ? "text/event-stream" : "application/json"));
                }

                list.Add((RequestIdHeaders[idHeader], idValue));
                if ((mask & 2) != 0)
                {
                    list.Add(("Retry-After", retryAfter));
                }

                if ((mask & 4) != 0)
                {
                    list.Add(("x-should-retry", shouldRetry));
                }

                var body = status == 200 ? (streaming ? stream : chat) : profile.RateLimitBody;
                server.Answer = RawResponseServer.Build(status, list, body);

                // A fresh client per sample: a run of generated 503s would otherwise open the circuit breaker, and
                // every later sample would only see its rejection.
                using var client = profile.CreateClient(server.BaseUri, o => o.MaxRetryAttempts = 0);
                var outcome = await OutcomeAsync(profile, client, streaming);
                lock (outcomes)
                {
                    outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
                }
            },
            iter: IterationsPerProperty,
            threads: 1);

        Assert.True(server.Hits > 0, $"{id}: the server was never called");
        Assert.True(outcomes.GetValueOrDefault("ok") > 0, $"{id}: no generated answer was accepted: {string.Join(", ", outcomes)}");
    }

    /// <summary>A 10 KB request id with control characters, on a 429: the exception carries it bounded and clean.</summary>
    [Theory]
    [InlineData("deepseek", "x-request-id")]
    [InlineData("baichuan", "X-BC-Request-Id")]
    [InlineData("kimi", "msh-request-id")]
    public async Task HugeRequestIdWithControlCharacters_IsBoundedInTheException(string id, string header)
    {
        var profile = ProviderProfiles.Get(id);
        await using var server = new RawResponseServer(profile);
        using var client = profile.CreateClient(server.BaseUri, o => o.MaxRetryAttempts = 0);
        var requestId = "req-\u001b[2J" + new string('7', 10 * 1024);
        server.Answer = RawResponseServer.Build(429, [("Content-Type", "application/json"), (header, requestId)], profile.RateLimitBody);

        var ex = await Assert.ThrowsAsync<ChineseLlmException>(() => client.GetResponseAsync(FaultRun.Hello));

        Assert.NotNull(ex.RequestId);
        Assert.StartsWith("req-?[2J777", ex.RequestId, StringComparison.Ordinal);
        Assert.Equal(257, ex.RequestId.Length);
        Assert.EndsWith("…", ex.RequestId, StringComparison.Ordinal);
        Assert.True(ex.Message.Length < 2048, "the message carries the whole 10 KB id");
    }

    /// <summary>
    /// Every numeric value in the vendor's own fixtures (not only <c>created</c> and token counts: indexes, status and
    /// error codes, search counts, <c>base_resp.status_code</c>, …), one at a time, replaced by any number text.
    /// </summary>
    [Theory]
    [MemberData(nameof(ProviderProfiles.Keys), MemberType = typeof(ProviderProfiles))]
    public async Task AnyNumericField_AnyNumber_OnlyChineseLlmExceptionEscapes(string id)
    {
        var profile = ProviderProfiles.Get(id);
        var chat = profile.Read(profile.ChatFixture);
        var stream = profile.Read(profile.StreamFixture);
        var chatNumbers = NumberValues(chat);
        var streamNumbers = NumberValues(stream);
        Assert.True(chatNumbers.Count + streamNumbers.Count > 0, $"{id}: the fixtures hold no number");
        await using var server = await FaultServer.StartAsync();
        profile.Prepare(server);
        using var client = profile.CreateClient(server.BaseUri, o => o.MaxRetryAttempts = 0);
        var numberText = Gen.Frequency(
            (3, Gen.Long.Select(n => n.ToString(CultureInfo.InvariantCulture))),
            (1, Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "1e309")),
            (1, Gen.OneOf("-1", "0", "1e300", "-1e300", "99999999999999999999999", "2147483648", "-2147483649", "1.5", "-0", "\"7\"", "null", "true", "[]", "{}")));

        await Gen.Select(Gen.Bool, Gen.Int[0, 10_000], numberText).SampleAsync(
            async (streaming, pick, value) =>
            {
                var (text, numbers) = streaming ? (stream, streamNumbers) : (chat, chatNumbers);
                if (numbers.Count == 0)
                {
                    return;
                }

                var (start, length) = numbers[pick % numbers.Count];
                var body = string.Concat(text.AsSpan(0, start), value, text.AsSpan(start + length));
                server.Handler = streaming ? FaultResponses.Sse(body) : FaultResponses.Json(body);
                _ = await OutcomeAsync(profile, client, streaming);
            },
            iter: IterationsPerProperty * 2,
            threads: 1);
    }

    /// <summary>Calls once: "ok", or the kind of a <see cref="ChineseLlmException"/>; any other exception fails the sample.</summary>
    private static async Task<string> OutcomeAsync(ProviderProfile profile, IChatClient client, bool streaming)
    {
        try
        {
            if (streaming)
            {
                await foreach (var update in client.GetStreamingResponseAsync(FaultRun.Hello))
                {
                    _ = update;
                }
            }
            else
            {
                _ = await client.GetResponseAsync(FaultRun.Hello);
            }

            return "ok";
        }
        catch (ChineseLlmException ex)
        {
            Assert.Equal(profile.Key, ex.Provider);
            Assert.True(ex.RetryAfter is null || ex.RetryAfter >= TimeSpan.Zero, $"a negative RetryAfter reached the caller: {ex.RetryAfter}");
            foreach (var id in new[] { ex.RequestId, ex.ErrorCode })
            {
                // Bounded and without control characters before it reaches a log or a span (Http/VendorIdentifier.cs).
                Assert.True(id is null || (id.Length <= 257 && !id.Any(char.IsControl)), $"an unbounded or control-character id reached the caller: {id?.Length} chars");
            }

            return ex.Kind.ToString();
        }
    }

    /// <summary>The spans of JSON number values (after a <c>:</c>, <c>[</c> or <c>,</c>) in a body or SSE transcript.</summary>
    private static List<(int Start, int Length)> NumberValues(string text)
    {
        var found = new List<(int, int)>();
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
                continue;
            }

            if ((c == '-' || char.IsAsciiDigit(c)) && PreviousSignificant(text, i) is ':' or '[' or ',')
            {
                var end = i + 1;
                while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] is '.' or 'e' or 'E' or '+' or '-'))
                {
                    end++;
                }

                found.Add((i, end - i));
                i = end - 1;
            }
        }

        return found;
    }

    private static char PreviousSignificant(string text, int index)
    {
        for (var i = index - 1; i >= 0; i--)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                return text[i];
            }
        }

        return '\0';
    }
}
