using System.Net;
using System.Net.Http.Headers;

namespace ChineseLlm.Client.Catalog;

/// <summary>
/// Fetches a catalog document from a URL (<c>ChineseLlm:Catalog:Url</c>, the CLI's <c>--catalog URL</c>): one GET, with
/// <c>If-None-Match</c> when an <c>ETag</c> is known, the body read to at most <see cref="CatalogLoader.MaxDocumentBytes"/>
/// with the library's bounded reader (<see cref="PooledBody"/>), then parsed and checked by <see cref="CatalogLoader"/>.
/// Never throws for the server's or the network's failure (only for the caller's cancellation).
/// </summary>
internal static class CatalogFeed
{
    /// <summary>The name of the catalog's HttpClient in <see cref="IHttpClientFactory"/>.</summary>
    public const string HttpClientName = "ChineseLlm.Catalog";

    /// <summary>How long one fetch may take before it counts as failed.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Fetches <paramref name="url"/> once.</summary>
    /// <param name="http">The HttpClient to send through.</param>
    /// <param name="url">The document's URL.</param>
    /// <param name="etag">The <c>ETag</c> of the last document answered, or <see langword="null"/>.</param>
    /// <param name="overrides">The <c>ChineseLlm:Models</c> entries that must apply on top of the document.</param>
    /// <param name="rule">The tier rule in force.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    public static async Task<CatalogFeedAnswer> FetchAsync(
        HttpClient http, Uri url, string? etag, IEnumerable<ModelCard>? overrides, TierRule rule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(url);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (etag is not null && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return new CatalogFeedAnswer(CatalogAttemptOutcome.NotModified, null, etag);
            }

            if (!response.IsSuccessStatusCode)
            {
                return CatalogFeedAnswer.Rejected(string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode} ({response.ReasonPhrase})"), etag);
            }

            // The ETag of the last document answered: a 304 to it keeps whatever that answer left in force.
            var answeredTag = response.Headers.ETag?.ToString();
            PooledBody body;
            try
            {
                body = await PooledBody.ReadAsync(response.Content, CatalogLoader.MaxDocumentBytes, "catalog", cancellationToken).ConfigureAwait(false);
            }
            catch (ChineseLlmException ex) when (ex.Kind == LlmErrorKind.Protocol)
            {
                return CatalogFeedAnswer.Rejected(string.Create(CultureInfo.InvariantCulture, $"the document is larger than the {CatalogLoader.MaxDocumentBytes} bytes a catalog may have; it was not read"), answeredTag);
            }

            try
            {
                var result = CatalogLoader.Load(body.Span, overrides, rule);
                return new CatalogFeedAnswer(result.Document is null ? CatalogAttemptOutcome.Rejected : CatalogAttemptOutcome.Applied, result, answeredTag);
            }
            finally
            {
                body.Return();
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Only the type and the transport's error code: a message may carry the URL and its query.
            var why = ex is HttpRequestException { HttpRequestError: var error } ? $"{ex.GetType().Name} ({error})"
                : ex is OperationCanceledException ? "timed out"
                : ex.GetType().Name;
            return CatalogFeedAnswer.Rejected("the request failed: " + why, etag);
        }
    }
}

/// <summary>What one fetch of a catalog URL answered.</summary>
/// <param name="Outcome">Applied (a good document), NotModified (304) or Rejected.</param>
/// <param name="Result">The document read (or its problems); <see langword="null"/> for 304 or a failed request.</param>
/// <param name="ETag">The <c>ETag</c> to send next time.</param>
internal sealed record CatalogFeedAnswer(CatalogAttemptOutcome Outcome, CatalogLoadResult? Result, string? ETag)
{
    /// <summary>Gets why the answer was rejected.</summary>
    public string? Problem => Outcome == CatalogAttemptOutcome.Rejected ? Result?.Describe() : null;

    public static CatalogFeedAnswer Rejected(string problem, string? etag) => new(CatalogAttemptOutcome.Rejected, CatalogLoadResult.Failed(problem), etag);
}
