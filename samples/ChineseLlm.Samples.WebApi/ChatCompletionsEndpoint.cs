using System.Text.Json;
using ChineseLlm.Client;
using ChineseLlm.Samples.WebApi.OpenAi;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.AI;

namespace ChineseLlm.Samples.WebApi;

/// <summary><c>POST /v1/chat/completions</c>: OpenAI's Chat Completions API over the cost-aware router.</summary>
public static class ChatCompletionsEndpoint
{
    private static readonly byte[] s_dataPrefix = "data: "u8.ToArray();
    private static readonly byte[] s_eventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] s_done = "data: [DONE]\n\n"u8.ToArray();

    public static async Task HandleAsync(HttpContext context, IChatClient chat, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggers);
        var cancellationToken = context.RequestAborted;
        var logger = loggers.CreateLogger(typeof(ChatCompletionsEndpoint));

        ChatCompletionRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(context.Request.Body, SampleJsonContext.Default.ChatCompletionRequest, cancellationToken);
        }
        catch (JsonException ex)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, OpenAiErrorMapper.InvalidRequest($"The body is not a valid chat completion request: {ex.Message}", ex.Path));
            return;
        }

        List<ChatMessage> messages;
        ChatOptions options;
        try
        {
            if (request is null)
            {
                throw new InvalidChatRequestException("The body must be a JSON object.", param: null);
            }

            messages = OpenAiRequestMapper.ToChatMessages(request);
            options = OpenAiRequestMapper.ToChatOptions(request);
        }
        catch (InvalidChatRequestException ex)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, OpenAiErrorMapper.InvalidRequest(ex.Message, ex.Param));
            return;
        }

        if (request.Stream == true)
        {
            await StreamAsync(context, chat, messages, options, request.StreamOptions?.IncludeUsage == true, time, logger, cancellationToken);
            return;
        }

        ChatResponse response;
        try
        {
            response = await chat.GetResponseAsync(messages, options, cancellationToken);
        }
        catch (ChineseLlmException ex)
        {
            await WriteFailureAsync(context, ex, logger);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        await context.Response.WriteAsJsonAsync(OpenAiResponseMapper.ToResponse(response, time.GetUtcNow()), SampleJsonContext.Readable.ChatCompletionResponse, contentType: null, cancellationToken);
    }

    private static async Task StreamAsync(
        HttpContext context, IChatClient chat, List<ChatMessage> messages, ChatOptions options, bool includeUsage, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        await using var updates = chat.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);

        // Until the first update arrives nothing is sent, so a failure still gets a proper status code and error body.
        bool hasUpdate;
        try
        {
            hasUpdate = await updates.MoveNextAsync();
        }
        catch (ChineseLlmException ex)
        {
            await WriteFailureAsync(context, ex, logger);
            return;
        }

        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";

        string? id = null;
        string? model = null;
        string? provider = null;
        decimal? cost = null;
        string? routing = null;
        UsageDetails? usage = null;
        var created = time.GetUtcNow().ToUnixTimeSeconds();
        var first = true;
        var toolCallIndex = 0;
        while (hasUpdate)
        {
            var update = updates.Current;
            id ??= update.ResponseId ?? "chatcmpl-" + Guid.NewGuid().ToString("N");
            model = update.ModelId ?? model;
            provider = update.GetProvider() ?? provider;
            cost = update.GetCost() ?? cost;
            routing = update.GetRoutingDecision()?.ToString() ?? routing;
            foreach (var content in update.Contents.OfType<UsageContent>())
            {
                (usage ??= new UsageDetails()).Add(content.Details);
            }

            var hasPayload = update.FinishReason is not null
                || update.Contents.Any(c => c is TextContent or TextReasoningContent or FunctionCallContent);
            if (hasPayload)
            {
                var chunk = OpenAiResponseMapper.ToChunk(update, id, created, first, ref toolCallIndex);
                await WriteEventAsync(context, JsonSerializer.SerializeToUtf8Bytes(chunk, SampleJsonContext.Readable.ChatCompletionChunk), cancellationToken);
                first = false;
            }

            try
            {
                hasUpdate = await updates.MoveNextAsync();
            }
            catch (ChineseLlmException ex)
            {
                // The status line is gone: the failure travels as an error event, as OpenAI's API does, and the stream ends without [DONE].
                logger.LogWarning("Stream failed after it started: {Kind} from {Provider}", ex.Kind, ex.Provider);
                var (_, body) = OpenAiErrorMapper.FromException(ex);
                await WriteEventAsync(context, JsonSerializer.SerializeToUtf8Bytes(body, SampleJsonContext.Readable.ErrorResponse), cancellationToken);
                return;
            }
        }

        var closing = OpenAiResponseMapper.ToUsageChunk(
            id ?? "chatcmpl-" + Guid.NewGuid().ToString("N"),
            created,
            model,
            includeUsage ? usage : null,
            new ChineseLlmInfoDto { Provider = provider, Cost = cost, Routing = routing });
        await WriteEventAsync(context, JsonSerializer.SerializeToUtf8Bytes(closing, SampleJsonContext.Readable.ChatCompletionChunk), cancellationToken);
        await context.Response.Body.WriteAsync(s_done, cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
    }

    private static async Task WriteEventAsync(HttpContext context, byte[] json, CancellationToken cancellationToken)
    {
        var body = context.Response.Body;
        await body.WriteAsync(s_dataPrefix, cancellationToken);
        await body.WriteAsync(json, cancellationToken);
        await body.WriteAsync(s_eventEnd, cancellationToken);
        await body.FlushAsync(cancellationToken);
    }

    private static Task WriteFailureAsync(HttpContext context, ChineseLlmException exception, ILogger logger)
    {
        logger.LogWarning("Chat completion failed: {Kind} from {Provider}, HTTP {StatusCode}, request id {RequestId}", exception.Kind, exception.Provider, exception.StatusCode, exception.RequestId);
        var (status, body) = OpenAiErrorMapper.FromException(exception);
        if (OpenAiErrorMapper.RetryAfter(exception) is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        return WriteErrorAsync(context, status, body);
    }

    private static Task WriteErrorAsync(HttpContext context, int status, ErrorResponse body)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(body, SampleJsonContext.Readable.ErrorResponse, contentType: null, context.RequestAborted);
    }
}
