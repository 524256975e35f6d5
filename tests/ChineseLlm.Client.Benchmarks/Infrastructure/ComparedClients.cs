using System.ClientModel;
using System.ClientModel.Primitives;
using ChineseLlm.Client.Benchmarks.Raw;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using SdkChatClient = OpenAI.Chat.ChatClient;
using SdkChatMessage = OpenAI.Chat.ChatMessage;

namespace ChineseLlm.Client.Benchmarks.Infrastructure;

/// <summary>
/// The clients compared, each pointed at the same stub through one shared <see cref="SocketsHttpHandler"/> (so
/// connection pooling is equal), each sending the same two-message conversation: the raw floor, the OpenAI SDK,
/// Microsoft.Extensions.AI's OpenAI adapter over that SDK client, and ours.
/// </summary>
public sealed class ComparedClients : IAsyncDisposable
{
    /// <summary>The model every client asks for.</summary>
    public const string Model = "deepseek-chat";

    /// <summary>The key every client sends.</summary>
    public const string ApiKey = "sk-benchmark-0123456789abcdef";
    private const string System = "You are a helpful assistant.";
    private const string DefaultUser = "写一个C语言程序，输入两个整数，输出它们的和。";

    private readonly StubServer? _server;
    private readonly HttpClient _httpClient;
    private readonly ServiceProvider _services;

    private ComparedClients(StubServer? server, Uri baseAddress, HttpMessageHandler handler, string user = DefaultUser, bool withResilience = false)
    {
        _server = server;
        RawMessages =
        [
            new() { Role = "system", Content = System },
            new() { Role = "user", Content = user },
        ];
        _httpClient = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };

        Raw = new RawDeepSeekClient(_httpClient, baseAddress, ApiKey);
        RawRequest = new RawChatRequest { Model = Model, Messages = RawMessages };
        RawStreamRequest = new RawChatRequest
        {
            Model = Model, Messages = RawMessages, Stream = true, StreamOptions = new RawStreamOptions { IncludeUsage = true },
        };

        Sdk = new SdkChatClient(Model, new ApiKeyCredential(ApiKey), new OpenAIClientOptions
        {
            Endpoint = baseAddress,
            Transport = new HttpClientPipelineTransport(_httpClient),
        });
        SdkMessages = [SdkChatMessage.CreateSystemMessage(System), SdkChatMessage.CreateUserMessage(user)];
        MeaiOverSdk = Sdk.AsIChatClient();

        Ours = new DeepSeekChatClient(new DeepSeekOptions { ApiKey = ApiKey, Endpoint = baseAddress, DefaultModel = Model }, _httpClient);
        OursWithResilience = server is null && !withResilience
            ? Ours
            : new DeepSeekChatClient(new DeepSeekOptions { ApiKey = ApiKey, Endpoint = baseAddress, DefaultModel = Model });
        Messages = [new(ChatRole.System, System), new(ChatRole.User, user)];

        // What an application resolves: the keyed client AddChineseLlm registers (factory HttpClient, resilience handler).
        var services = new ServiceCollection();
        services.AddChineseLlm(options =>
        {
            options.Providers.DeepSeek.ApiKey = ApiKey;
            options.Providers.DeepSeek.Endpoint = baseAddress;
            options.Providers.DeepSeek.DefaultModel = Model;
        });
        _services = services.BuildServiceProvider();
        Keyed = _services.GetRequiredKeyedService<IChatClient>("deepseek");
    }

    /// <summary>Gets the hand-written HttpClient + System.Text.Json client.</summary>
    public RawDeepSeekClient Raw { get; }

    /// <summary>Gets the raw non-stream request.</summary>
    public RawChatRequest RawRequest { get; }

    /// <summary>Gets the raw stream request (with <c>stream_options.include_usage</c>, as our client sends).</summary>
    public RawChatRequest RawStreamRequest { get; }

    /// <summary>Gets the official OpenAI .NET SDK's chat client.</summary>
    public SdkChatClient Sdk { get; }

    /// <summary>Gets the conversation in the SDK's types.</summary>
    public IReadOnlyList<SdkChatMessage> SdkMessages { get; }

    /// <summary>Gets Microsoft.Extensions.AI's OpenAI adapter (<c>AsIChatClient</c>) over <see cref="Sdk"/>.</summary>
    public IChatClient MeaiOverSdk { get; }

    /// <summary>Gets the HttpClient every client shares (one handler, one connection pool).</summary>
    public HttpClient HttpClient => _httpClient;

    /// <summary>Gets the stub server, when there is one.</summary>
    public StubServer? Server => _server;

    /// <summary>Gets our DeepSeek client over the shared handler (the supplied-HttpClient configuration).</summary>
    public IChatClient Ours { get; }

    /// <summary>Gets our DeepSeek client with its own HttpClient and resilience pipeline (timeouts, retries, breaker); in memory, <see cref="Ours"/>.</summary>
    public IChatClient OursWithResilience { get; }

    /// <summary>
    /// Gets the keyed <c>deepseek</c> client that <c>AddChineseLlm</c> registers, as an application resolves it: its
    /// HttpClient from IHttpClientFactory with the resilience handler, its own connection pool.
    /// </summary>
    public IChatClient Keyed { get; }

    /// <summary>Gets the conversation in Microsoft.Extensions.AI types.</summary>
    public IReadOnlyList<ChatMessage> Messages { get; }

    /// <summary>Starts the stub and builds the clients for its plain (non-stream) address.</summary>
    /// <param name="streamChunks">The chunks each stream carries; <see langword="null"/> for non-stream calls.</param>
    /// <param name="user">The user message (the 20,000-character Chinese prompt, say).</param>
    /// <param name="countRequestBytes">Whether the stub reads and counts each request body (<see cref="StubServer.LastRequestBytes"/>).</param>
    /// <remarks>
    /// When <see cref="ExternalStubVariable"/> names the address of a stub started with <c>--serve</c> (another
    /// process, which run-comparison.sh pins to its own core), the time-only cases use it instead of an in-process
    /// stub, so the server's work never competes with the client's for a core or a thread-pool thread. Counting
    /// request bytes always uses an in-process stub, which is what records them.
    /// </remarks>
    public static async Task<ComparedClients> StartAsync(int? streamChunks = null, string user = DefaultUser, bool countRequestBytes = false)
    {
        var external = Environment.GetEnvironmentVariable(ExternalStubVariable) is { Length: > 0 } value && !countRequestBytes
            ? new Uri(value.TrimEnd('/') + "/")
            : null;
        var server = external is null ? await StubServer.StartAsync() : null;
        var root = external ?? server!.BaseAddress;
        var address = streamChunks is { } n ? StubServer.StreamBaseAddress(root, n) : root;
        if (countRequestBytes)
        {
            address = new Uri(address, "count/");
        }

        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        return new ComparedClients(server, address, handler, user, withResilience: true) { StubAddress = root };
    }

    /// <summary>The environment variable naming an out-of-process stub's base address (see <see cref="StartAsync"/>).</summary>
    public const string ExternalStubVariable = "CHINESELLM_BENCH_STUB";

    /// <summary>Gets the stub's root address (non-stream chat calls go to <c>{root}chat/completions</c>).</summary>
    public Uri? StubAddress { get; private init; }

    /// <summary>Builds the clients for a stub that runs elsewhere (another process), at <paramref name="baseAddress"/>.</summary>
    public static ComparedClients Connect(Uri baseAddress)
        => new(server: null, baseAddress, new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, withResilience: true);

    /// <summary>Builds the clients over a <see cref="CannedHandler"/>: the same bytes, no sockets, no server.</summary>
    public static ComparedClients InMemory(int? streamChunks = null)
    {
        var handler = streamChunks is { } n
            ? new CannedHandler(DeepSeekPayloads.Stream(n), "text/event-stream")
            : new CannedHandler(DeepSeekPayloads.Completion, "application/json");
        return new ComparedClients(server: null, new Uri("http://127.0.0.1:1/"), handler);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        MeaiOverSdk.Dispose();
        Ours.Dispose();
        OursWithResilience.Dispose();
        _httpClient.Dispose();
        await _services.DisposeAsync();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private RawMessage[] RawMessages { get; }
}
