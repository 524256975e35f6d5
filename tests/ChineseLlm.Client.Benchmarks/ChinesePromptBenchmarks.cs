using System.Text;
using BenchmarkDotNet.Attributes;
using ChineseLlm.Client.Benchmarks.Infrastructure;

namespace ChineseLlm.Client.Benchmarks;

/// <summary>
/// One non-stream call whose user message is a 20,000-character Chinese prompt, side by side: the time of the call,
/// and the request bytes each client puts on the wire (read and counted by the stub in setup; the
/// <c>Request bytes</c> and <c>÷ UTF-8</c> columns). A client that escapes CJK as <c>\uXXXX</c> sends six bytes a
/// character instead of three.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Comparison", "ChinesePrompt")]
public class ChinesePromptBenchmarks
{
    /// <summary>The prompt's length in characters.</summary>
    public const int PromptCharacters = 20_000;

    private ComparedClients _clients = null!;

    /// <summary>Gets the prompt: Chinese prose with full-width punctuation.</summary>
    public static string Prompt { get; } = MakePrompt();

    /// <summary>Gets the prompt's UTF-8 size.</summary>
    public static int PromptUtf8Bytes { get; } = Encoding.UTF8.GetByteCount(Prompt);

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _clients = await ComparedClients.StartAsync(user: Prompt, countRequestBytes: true);
        var expected = await Measure(RawHttpClient, nameof(RawHttpClient));
        Check.Equal(expected, await Measure(OpenAiSdk, nameof(OpenAiSdk)), nameof(OpenAiSdk));
        Check.Equal(expected, await Measure(MeaiOpenAi, nameof(MeaiOpenAi)), nameof(MeaiOpenAi));
        Check.Equal(expected, await Measure(ChineseLlm, nameof(ChineseLlm)), nameof(ChineseLlm));
    }

    [GlobalCleanup]
    public Task CleanupAsync() => _clients.DisposeAsync().AsTask();

    [Benchmark(Baseline = true, Description = "Raw HttpClient + STJ")]
    public async Task<int> RawHttpClient()
    {
        var completion = await _clients.Raw.CompleteAsync(_clients.RawRequest);
        return completion.Choices![0].Message!.Content!.Length;
    }

    [Benchmark(Description = "OpenAI SDK 2.15")]
    public async Task<int> OpenAiSdk()
    {
        var completion = await _clients.Sdk.CompleteChatAsync(_clients.SdkMessages);
        return completion.Value.Content[0].Text.Length;
    }

    [Benchmark(Description = "M.E.AI OpenAI adapter over the SDK")]
    public async Task<int> MeaiOpenAi()
    {
        var response = await _clients.MeaiOverSdk.GetResponseAsync(_clients.Messages);
        return response.Text.Length;
    }

    [Benchmark(Description = "DeepSeekChatClient")]
    public async Task<int> ChineseLlm()
    {
        var response = await _clients.Ours.GetResponseAsync(_clients.Messages);
        return response.Text.Length;
    }

    private static string MakePrompt()
    {
        const string sentence = "请用简洁的中文总结下面这段关于长江流域气候与农业的文字，并列出三个要点。";
        var builder = new StringBuilder(PromptCharacters + sentence.Length);
        while (builder.Length < PromptCharacters)
        {
            builder.Append(sentence);
        }

        return builder.ToString(0, PromptCharacters);
    }

    private async Task<int> Measure(Func<Task<int>> call, string method)
    {
        var length = await call();
        RequestBytesColumn.Record(method, _clients.Server!.LastRequestBytes);
        return length;
    }
}
