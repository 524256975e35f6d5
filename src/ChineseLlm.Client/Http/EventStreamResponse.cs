namespace ChineseLlm.Client.Http;

/// <summary>
/// Checks that a successful answer to a streaming request is an event stream. Vendors and gateways sometimes answer
/// a streaming request with a JSON error body (HTTP 200) or an HTML page; read as SSE, either would look like a
/// stream cut short (a transient network failure) instead of the error it is.
/// </summary>
internal static class EventStreamResponse
{
    /// <summary>
    /// Returns the error a non-stream answer stands for: the vendor's error when the body is its JSON error shape,
    /// otherwise <see cref="LlmErrorKind.Protocol"/>. Returns <see langword="null"/> for an event stream (or an answer
    /// without a content type, which is read as one).
    /// </summary>
    public static async Task<ChineseLlmException?> CheckAsync(
        HttpResponseMessage response, IProviderErrorMapper mapper, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is null || mediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var isJson = mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) ||
            mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
        var isHtml = mediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase);
        if (!isJson && !isHtml)
        {
            return null; // an unusual label on what may still be SSE: let the parser decide
        }

        var error = await ErrorBodyReader.ReadAsync(response, mapper, timeProvider, cancellationToken).ConfigureAwait(false);
        if (isJson)
        {
            var mapped = mapper.MapError(error);
            if (mapped.Kind != LlmErrorKind.Protocol)
            {
                return mapped;
            }
        }

        // No body excerpt: a JSON body here may be a whole completion, and the message is no place for model output.
        return new ChineseLlmException(
            mapper.ProviderName,
            LlmErrorKind.Protocol,
            $"the provider answered a streaming request with {mediaType} instead of an event stream.",
            error.StatusCode,
            requestId: error.RequestId);
    }
}
