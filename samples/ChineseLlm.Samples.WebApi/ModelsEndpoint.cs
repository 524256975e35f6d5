using ChineseLlm.Client;
using ChineseLlm.Samples.WebApi.OpenAi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChineseLlm.Samples.WebApi;

/// <summary><c>GET /v1/models</c>: the catalog models of the configured providers, with their tier, limits and CNY prices.</summary>
public static class ModelsEndpoint
{
    public static JsonHttpResult<ModelListResponse> Get(CostAwareChatClient router) =>
        TypedResults.Json(List(router), SampleJsonContext.Readable.ModelListResponse);

    public static ModelListResponse List(CostAwareChatClient router)
    {
        ArgumentNullException.ThrowIfNull(router);
        var created = new DateTimeOffset(router.CatalogDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();
        return new ModelListResponse
        {
            Data =
            [
                .. router.Models.Select(card => new ModelDto
                {
                    Id = card.Id!,
                    OwnedBy = card.Provider!,
                    Created = card.EffectiveDate is { } effective
                        ? new DateTimeOffset(effective.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds()
                        : created,
                    Tier = card.Tier?.ToString().ToLowerInvariant(),
                    ContextWindow = card.ContextWindow,
                    MaxOutputTokens = card.MaxOutputTokens,
                    Capabilities = card.Capabilities.Count > 0 ? [.. card.Capabilities] : null,
                    InputPerMillion = card.Bands.Count > 0 ? card.Bands[0].InputPerMillion : card.InputPerMillion,
                    CachedInputPerMillion = card.Bands.Count > 0 ? card.Bands[0].CachedInputPerMillion : card.CachedInputPerMillion,
                    OutputPerMillion = card.Bands.Count > 0 ? card.Bands[0].OutputPerMillion : card.OutputPerMillion,
                    Routable = card.IsRoutable,
                }),
            ],
        };
    }
}
