using System.Net.Http.Headers;

namespace ChineseLlm.Client.Http;

/// <summary>Reads the response headers that matter for diagnostics and retries.</summary>
internal static class ResponseHeaders
{
    /// <summary>Request-id headers seen across the vendors, tried after the dialect's own list.</summary>
    private static readonly string[] CommonRequestIdHeaders = ["x-request-id", "x-ds-trace-id", "msh-request-id", "x-msh-trace-id"];

    public static string? GetRequestId(HttpResponseMessage response, IReadOnlyList<string> preferred)
    {
        for (var i = 0; i < preferred.Count; i++)
        {
            if (TryGet(response.Headers, preferred[i], out var value))
            {
                return value;
            }
        }

        foreach (var name in CommonRequestIdHeaders)
        {
            if (TryGet(response.Headers, name, out var value))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The <c>Retry-After</c> delay (delta seconds or an HTTP date, measured with <paramref name="timeProvider"/>).</summary>
    public static TimeSpan? GetRetryAfter(HttpResponseMessage response, TimeProvider timeProvider)
    {
        var header = response.Headers.RetryAfter;
        if (header is null)
        {
            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static bool TryGet(HttpResponseHeaders headers, string name, out string? value)
    {
        // The non-validated view hands out the stored strings without copying them into a new collection; request-id
        // headers are free-form, so validation would not change their values.
        if (headers.NonValidated.TryGetValues(name, out var values))
        {
            foreach (var v in values)
            {
                if (!string.IsNullOrWhiteSpace(v))
                {
                    value = VendorIdentifier.Bound(v);
                    return true;
                }
            }
        }

        value = null;
        return false;
    }
}
