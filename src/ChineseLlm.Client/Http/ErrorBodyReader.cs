using System.Text;

namespace ChineseLlm.Client.Http;

/// <summary>Reads error bodies, bounded so a huge HTML error page cannot blow up memory or messages.</summary>
internal static class ErrorBodyReader
{
    /// <summary>The most characters of an error body kept in memory and parsed.</summary>
    public const int MaxBodyChars = 16 * 1024;

    /// <summary>The most characters of a non-JSON body quoted in an exception message.</summary>
    public const int MaxExcerptChars = 512;

    /// <summary>The largest error body read (an error the vendor means is a few hundred bytes of JSON).</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public static async Task<ProviderErrorResponse> ReadAsync(
        HttpResponseMessage response, IProviderErrorMapper mapper, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        string? body = null;
        try
        {
            // The retry predicate may already have buffered the content; reading twice is then free.
            // Bounded: a 50 MB HTML error page is not read at all (the status classifies it), never buffered whole.
            await response.Content.LoadIntoBufferAsync(MaxBodyBytes, cancellationToken).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (bytes.Length > 0)
            {
                body = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, MaxBodyChars * 2));
                if (body.Length > MaxBodyChars)
                {
                    body = body[..MaxBodyChars];
                }
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException)
        {
            // The body could not be read (or is larger than MaxBodyBytes, or a first bounded read already consumed it);
            // classify by status alone.
        }

        return new ProviderErrorResponse(
            (int)response.StatusCode,
            body,
            ResponseHeaders.GetRequestId(response, mapper.RequestIdHeaders),
            ResponseHeaders.GetRetryAfter(response, timeProvider));
    }

    /// <summary>A short, single-line excerpt of a body that is not the provider's JSON error shape.</summary>
    public static string? Excerpt(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        var trimmed = body.Trim();
        if (trimmed.Length > MaxExcerptChars)
        {
            trimmed = string.Concat(trimmed.AsSpan(0, MaxExcerptChars), "…");
        }

        return trimmed.ReplaceLineEndings(" ");
    }
}
