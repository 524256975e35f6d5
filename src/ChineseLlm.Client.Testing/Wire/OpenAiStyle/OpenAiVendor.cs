using System.Net;

namespace ChineseLlm.Client.Testing.Wire.OpenAiStyle;

/// <summary>
/// The facts of one vendor that speaks the OpenAI Chat Completions shape: ids, headers, the optional fields it adds or
/// leaves out, where its stream puts usage, and its error table. <see cref="OpenAiStyleDialect"/> writes every vendor
/// from these facts; each vendor's file under <c>Wire/Vendors</c> cites the docs/protocols page and fixtures they come from.
/// </summary>
internal sealed record OpenAiVendor
{
    public required SimulatedProtocol Protocol { get; init; }

    public required string DefaultModel { get; init; }

    /// <summary>Creates the completion id (<c>id</c> of the body and of every chunk).</summary>
    public required Func<DateTimeOffset, string> NewId { get; init; }

    /// <summary>Creates a tool-call id from the call's index and the call, when the reply scripts none.</summary>
    public required Func<int, SimulatedToolCall, string> NewToolCallId { get; init; }

    /// <summary>Gets the header that carries the request id, or <see langword="null"/> for none.</summary>
    public string? RequestIdHeader { get; init; }

    /// <summary>Creates the request-id header value from the completion id (some vendors reuse it, others send their own).</summary>
    public Func<string, string> RequestId { get; init; } = static id => id;

    public string JsonContentType { get; init; } = WireDialect.JsonType;

    /// <summary>Creates the <c>system_fingerprint</c> (a <see langword="null"/> result is sent as JSON null), or is <see langword="null"/> for no such field.</summary>
    public Func<string?>? SystemFingerprint { get; init; }

    /// <summary>Gets the <c>service_tier</c> of bodies and chunks (the usage chunk says null), or <see langword="null"/> for none.</summary>
    public string? ServiceTier { get; init; }

    /// <summary>Gets whether chunks carry <c>service_tier: null</c> (and bodies none).</summary>
    public bool NullServiceTierInChunks { get; init; }

    /// <summary>Gets the <c>note</c> (disclaimer) of bodies and chunks, or <see langword="null"/> for none.</summary>
    public string? Note { get; init; }

    /// <summary>Gets whether each choice carries <c>logprobs: null</c>.</summary>
    public bool NullLogprobs { get; init; }

    /// <summary>Gets the <c>flag</c> (safety) value of each choice, or <see langword="null"/> for none.</summary>
    public int? Flag { get; init; }

    /// <summary>Gets whether non-stream tool calls carry <c>index</c>.</summary>
    public bool ToolCallIndexInMessage { get; init; }

    /// <summary>Gets the head fields of a JSON body (<c>id</c>, <c>object</c>, <c>created</c>, <c>model</c>).</summary>
    public HeadFields BodyHead { get; init; } = HeadFields.All;

    /// <summary>Gets the head fields of a stream chunk.</summary>
    public HeadFields ChunkHead { get; init; } = HeadFields.All;

    /// <summary>Gets whether bodies and chunks open with a business status: <c>"code":0,"message":"Success","sid":{id}</c> (Spark).</summary>
    public bool BusinessStatus { get; init; }

    /// <summary>Writes the vendor's extra top-level fields of every body, chunk and in-body error (MiniMax's moderation flags), or is <see langword="null"/>.</summary>
    public Action<System.Text.Json.Utf8JsonWriter>? ExtraFields { get; init; }

    /// <summary>Gets whether a message always carries <c>tool_calls</c> (<c>[]</c> without calls) and each body choice <c>stop_reason: null</c>, and bodies <c>prompt_logprobs: null</c> (vLLM, Pangu).</summary>
    public bool VllmFields { get; init; }

    /// <summary>Gets whether bodies end with <c>base_resp:{status_code:0,status_msg:""}</c> and in-body errors carry their code there (MiniMax).</summary>
    public bool BaseResp { get; init; }

    /// <summary>Gets whether reasoning is sent as <c>reasoning_details:[{type,id,format,index,text}]</c> instead of <c>reasoning_content</c>.</summary>
    public bool ReasoningDetails { get; init; }

    /// <summary>Gets the <c>name</c> of the assistant message, or <see langword="null"/> for none.</summary>
    public string? MessageName { get; init; }

    /// <summary>Gets whether chunks never carry <c>finish_reason</c> and bodies only for tool calls (Spark).</summary>
    public bool NoFinishReason { get; init; }

    /// <summary>Gets whether streamed tool-call fragments carry <c>index</c>.</summary>
    public bool ToolCallFragmentIndex { get; init; } = true;

    /// <summary>Gets the body's top-level field that repeats the completion id (GLM's <c>request_id</c>), or <see langword="null"/>.</summary>
    public string? IdField { get; init; }

    /// <summary>Gets what a message with tool calls says as <c>content</c>: the reply text (<see langword="null"/>), JSON null, or nothing.</summary>
    public BesideValue? ContentWithToolCalls { get; init; }

    /// <summary>Gets whether a message with reasoning and no tool calls carries <c>refusal: null</c>.</summary>
    public bool NullRefusalBesideReasoning { get; init; }

    /// <summary>Gets whether the OpenAI SDK's explicit nulls (<c>refusal</c>, <c>audio</c>, <c>function_call</c>, <c>tool_calls</c>) are sent.</summary>
    public bool SdkNulls { get; init; }

    public required UsageFacts Usage { get; init; }

    /// <summary>Gets the usage written in the <c>choices:[]</c> chunk, when it differs from <see cref="Usage"/>.</summary>
    public UsageFacts? UsageChunkUsage { get; init; }

    /// <summary>Gets how many <c>: keep-alive</c> comments open a stream by default, and whether <see cref="SimulatedReply.KeepAlives"/> applies.</summary>
    public bool KeepAlives { get; init; }

    /// <summary>Gets how a stream opens before the first delta.</summary>
    public StreamOpener Opener { get; init; } = StreamOpener.RoleChunk;

    /// <summary>Gets whether every delta repeats <c>role</c>.</summary>
    public bool RoleInEveryDelta { get; init; }

    /// <summary>Gets whether a reasoning delta carries <c>content</c> too: null, empty, or not at all.</summary>
    public BesideValue ContentBesideReasoning { get; init; }

    /// <summary>Gets whether a content delta of a thinking reply carries <c>reasoning_content: null</c> (the finish chunk too).</summary>
    public bool NullReasoningBesideContent { get; init; }

    /// <summary>Gets whether a tool-call delta carries <c>content: null</c> (or empty, or not at all).</summary>
    public BesideValue ContentBesideToolCalls { get; init; }

    /// <summary>Gets whether every tool-call fragment repeats <c>id</c>, <c>type</c> and <c>function.name</c> (empty after the first) and the arguments come whole.</summary>
    public bool WholeToolCallFragments { get; init; }

    /// <summary>Gets whether each tool call streams as one fragment with its id, name and whole arguments.</summary>
    public bool OneFragmentPerToolCall { get; init; }

    /// <summary>Gets what chunks before the finish say as <c>finish_reason</c>: null, <c>""</c>, or nothing.</summary>
    public BesideValue FinishReasonWhileStreaming { get; init; } = BesideValue.Null;

    /// <summary>Gets whether a reply ending in text finishes on its last text chunk (no separate finish chunk).</summary>
    public bool FinishOnLastText { get; init; }

    /// <summary>Gets whether SSE lines are <c>data:{json}</c> without the space.</summary>
    public bool DataWithoutSpace { get; init; }

    /// <summary>Gets whether the finish chunk's delta is empty (otherwise it carries <c>content: ""</c>).</summary>
    public bool EmptyFinishDelta { get; init; }

    public StreamUsage StreamUsage { get; init; }

    /// <summary>Gets when chunks without usage say <c>usage: null</c>.</summary>
    public NullUsage NullUsage { get; init; }

    /// <summary>Gets whether <c>stream_options.include_usage</c> adds a last <c>choices:[]</c> chunk with the usage.</summary>
    public bool UsageChunk { get; init; }

    /// <summary>Gets the plain-text body a server error is sent with instead of the envelope, or <see langword="null"/>.</summary>
    public string? PlainTextServerError { get; init; }

    /// <summary>Gets the error table: status, <c>type</c>, <c>code</c> and message for each kind.</summary>
    public required Func<ErrorContext, ErrorRow> Errors { get; init; }

    public required ErrorEnvelope ErrorEnvelope { get; init; }
}

/// <summary>One row of a vendor's error table.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Type">The envelope's <c>type</c>.</param>
/// <param name="Code">The vendor code, or <see langword="null"/> for none.</param>
/// <param name="Message">The vendor's message.</param>
/// <param name="InBody">Whether the error is a business code inside HTTP 200: <c>{"code":{Code as a number},"message","sid"}</c> (Spark).</param>
internal readonly record struct ErrorRow(HttpStatusCode Status, string Type, string? Code, string Message, bool InBody = false);

/// <summary>The head fields of a body or chunk.</summary>
[Flags]
internal enum HeadFields
{
    None = 0,
    Id = 1,
    Object = 2,
    Created = 4,
    Model = 8,
    All = Id | Object | Created | Model,
}

/// <summary>Which fields a vendor's <c>{"error":{…}}</c> envelope carries besides <c>message</c>.</summary>
internal sealed record ErrorEnvelope
{
    /// <summary>Gets whether the error is flat, <c>{"error_code","error_msg"}</c>, instead of <c>{"error":{…}}</c> (Pangu).</summary>
    public bool Flat { get; init; }

    /// <summary>Gets whether the error carries <c>type</c>.</summary>
    public bool Type { get; init; } = true;

    /// <summary>Gets <c>param</c>: not sent (<see langword="null"/>), JSON null (<see cref="NullParam"/>), or this string.</summary>
    public string? Param { get; init; }

    public bool Code { get; init; } = true;

    /// <summary>Gets whether the error object carries its own <c>id</c> (32 hex digits).</summary>
    public bool ErrorId { get; init; }

    /// <summary>Gets the top-level field that repeats the request id (<c>request_id</c>, <c>id</c>), or <see langword="null"/>.</summary>
    public string? TopLevelRequestId { get; init; }

    /// <summary>Gets the kinds whose body leaves the top-level request id out.</summary>
    public IReadOnlyList<LlmErrorKind> NoRequestIdFor { get; init; } = [];

    /// <summary>Gets the format of what the message ends in, with the request id as <c>{0}</c> (Doubao <c> Request id: {0}</c>), or <see langword="null"/>.</summary>
    public string? MessageSuffix { get; init; }

    /// <summary>Gets whether the request-id header is sent with errors too.</summary>
    public bool RequestIdHeader { get; init; } = true;

    public const string NullParam = "\0null";
}

/// <summary>How an OpenAI-style stream opens.</summary>
internal enum StreamOpener
{
    /// <summary>A chunk with <c>role</c> and empty content.</summary>
    RoleChunk,

    /// <summary>A chunk with only <c>role</c> (and <c>content: null</c> before tool calls where messages say so).</summary>
    RoleOnlyChunk,

    /// <summary>A chunk with <c>role</c> and empty content, or null content and empty reasoning when the reply thinks.</summary>
    RoleOrReasoningChunk,

    /// <summary>A role chunk only when the reply neither thinks nor opens with text (Doubao).</summary>
    RoleChunkUnlessText,

    /// <summary>No opener: the first delta carries <c>role</c>; an empty reply still streams one empty delta (ERNIE v2).</summary>
    RoleOnFirstDelta,

    /// <summary>No opener at all.</summary>
    None,
}

/// <summary>What a delta carries beside its main field.</summary>
internal enum BesideValue
{
    Nothing,
    Null,
    Empty,
}

/// <summary>Where a stream puts usage.</summary>
internal enum StreamUsage
{
    /// <summary>Only in the <c>choices:[]</c> chunk (when asked for).</summary>
    None,

    /// <summary>Top level of the finish chunk, asked for or not.</summary>
    FinishChunk,

    /// <summary>Inside <c>choices[0]</c> of the finish chunk, asked for or not.</summary>
    FinishChoice,

    /// <summary>Running (cumulative) usage on every chunk.</summary>
    EveryChunk,

    /// <summary>Running usage on every chunk when <c>stream_options.chunk_include_usage</c> asks for it.</summary>
    EveryChunkWhenAsked,
}

/// <summary>When chunks without usage carry <c>usage: null</c>.</summary>
internal enum NullUsage
{
    Never,
    WithIncludeUsage,
    Always,
}

/// <summary>Which usage fields a vendor sends beside prompt, completion and total tokens.</summary>
internal sealed record UsageFacts
{
    public CachedTokens Cached { get; init; }

    public ReasoningTokens Reasoning { get; init; }

    /// <summary>Gets whether <c>prompt_cache_hit_tokens</c> and <c>prompt_cache_miss_tokens</c> are sent (DeepSeek).</summary>
    public bool CacheHitMiss { get; init; }

    /// <summary>Gets whether <c>search_count: 0</c> is sent (Baichuan's web-search count).</summary>
    public bool SearchCount { get; init; }

    /// <summary>Gets whether <c>completion_tokens_details</c> is null without reasoning and details carry <c>audio_tokens: null</c>.</summary>
    public bool SdkNulls { get; init; }
}

internal enum CachedTokens
{
    None,

    /// <summary><c>usage.cached_tokens</c>.</summary>
    TopLevel,

    /// <summary><c>prompt_tokens_details.cached_tokens</c>, always.</summary>
    Details,

    /// <summary><c>prompt_tokens_details.cached_tokens</c> on a cache hit only.</summary>
    DetailsOnHit,
}

internal enum ReasoningTokens
{
    None,

    /// <summary><c>completion_tokens_details.reasoning_tokens</c>, always.</summary>
    Always,

    /// <summary><c>completion_tokens_details.reasoning_tokens</c> when there are any.</summary>
    WhenAny,
}
