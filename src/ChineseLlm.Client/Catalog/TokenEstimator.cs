using Microsoft.ML.Tokenizers;

namespace ChineseLlm.Client.Catalog;

/// <summary>
/// Estimates the input token count of a chat request before it is sent, with the <c>o200k_base</c> tokenizer
/// (Microsoft.ML.Tokenizers), to pick a price band and rank candidate models by cost.
/// </summary>
/// <remarks>
/// <para>No vendor here publishes its tokenizer for .NET; <c>o200k_base</c> is a modern byte-level BPE with a large
/// Chinese vocabulary and serves as a common yardstick. Vendors' own counts differ by some percent, so the estimate
/// ranks models and reserves budget; the bill uses the usage the vendor reports.</para>
/// <para>What is counted: the text of every text, reasoning, tool-call (name and arguments) and tool-result content;
/// <see cref="MessageOverhead"/> tokens per message for role and framing; <see cref="ReplyPrimer"/> tokens for the
/// reply; the instructions, tool definitions (name, description, JSON schema) and response schema of the options; and a
/// flat <see cref="ImageTokens"/> per image, since vendors resize images to a bounded token cost (DeepSeek caps one image
/// at 1,024 tokens; Qwen-VL at 1,280 by default). Other content (files, hosted tools) is not counted.</para>
/// <para>The tokenizer is created once per process and shared; the class is thread-safe.</para>
/// </remarks>
internal sealed class TokenEstimator
{
    /// <summary>Tokens added per message for the role and the message framing.</summary>
    public const int MessageOverhead = 4;

    /// <summary>Tokens added once per request for the start of the assistant's reply.</summary>
    public const int ReplyPrimer = 3;

    /// <summary>The flat estimate for one image, whatever its size.</summary>
    public const int ImageTokens = 1024;

    /// <summary>The tokenizer encoding used for estimates.</summary>
    public const string Encoding = "o200k_base";

    private static readonly Lazy<TokenEstimator> s_shared = new(() => new TokenEstimator(TiktokenTokenizer.CreateForEncoding(Encoding)));

    private readonly Tokenizer _tokenizer;

    private TokenEstimator(Tokenizer tokenizer) => _tokenizer = tokenizer;

    /// <summary>Gets the process-wide estimator.</summary>
    public static TokenEstimator Shared => s_shared.Value;

    /// <summary>Counts the tokens of a text.</summary>
    /// <param name="text">The text; <see langword="null"/> or empty counts zero.</param>
    /// <returns>The token count.</returns>
    public int CountTokens(string? text) => string.IsNullOrEmpty(text) ? 0 : _tokenizer.CountTokens(text);

    /// <summary>Estimates the input tokens of a request.</summary>
    /// <param name="messages">The conversation to send.</param>
    /// <param name="options">The request options; its instructions, tools and response schema are counted.</param>
    /// <returns>The estimated input token count.</returns>
    public long EstimateInputTokens(IEnumerable<ChatMessage> messages, ChatOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(messages);

        long total = ReplyPrimer;
        if (messages is IList<ChatMessage> list)
        {
            // Indexed loops: the router estimates every call, and an IList enumerator is an allocation per list.
            for (var i = 0; i < list.Count; i++)
            {
                total += CountMessage(list[i]);
            }
        }
        else
        {
            foreach (var message in messages)
            {
                total += CountMessage(message);
            }
        }

        if (options is not null)
        {
            total += CountOptions(options);
        }

        return total;
    }

    private long CountMessage(ChatMessage? message)
    {
        if (message is null)
        {
            return 0;
        }

        long total = MessageOverhead;
        var contents = message.Contents;
        for (var i = 0; i < contents.Count; i++)
        {
            total += CountContent(contents[i]);
        }

        return total;
    }

    private long CountContent(AIContent content) => content switch
    {
        TextContent text => CountTokens(text.Text),
        TextReasoningContent reasoning => CountTokens(reasoning.Text),
        DataContent data when IsImage(data.MediaType) => ImageTokens,
        UriContent uri when IsImage(uri.MediaType) => ImageTokens,
        FunctionCallContent call => CountFunctionCall(call),
        FunctionResultContent result => CountTokens(result.CallId) + CountTokens(result.Result?.ToString()),
        _ => 0,
    };

    private long CountFunctionCall(FunctionCallContent call)
    {
        long total = CountTokens(call.CallId) + CountTokens(call.Name);
        if (call.Arguments is not null)
        {
            foreach (var (name, value) in call.Arguments)
            {
                total += CountTokens(name) + CountTokens(value?.ToString());
            }
        }

        return total;
    }

    private long CountOptions(ChatOptions options)
    {
        long total = CountTokens(options.Instructions);
        if (options.Instructions is not null)
        {
            total += MessageOverhead;
        }

        if (options.Tools is { } tools)
        {
            for (var i = 0; i < tools.Count; i++)
            {
                var tool = tools[i];
                total += CountTokens(tool.Name) + CountTokens(tool.Description);
                if (tool is AIFunctionDeclaration function)
                {
                    total += CountJson(function.JsonSchema);
                }
            }
        }

        if (options.ResponseFormat is ChatResponseFormatJson { Schema: { } schema } json)
        {
            total += CountJson(schema) + CountTokens(json.SchemaName) + CountTokens(json.SchemaDescription);
        }

        return total;
    }

    private int CountJson(JsonElement element)
        => element.ValueKind == JsonValueKind.Undefined ? 0 : CountTokens(element.GetRawText());

    private static bool IsImage(string? mediaType)
        => mediaType is not null && mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase);
}
