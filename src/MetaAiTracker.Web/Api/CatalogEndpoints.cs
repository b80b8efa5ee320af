using MetaAiTracker.Core.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MetaAiTracker.Web.Api;

/// <summary>The reference lists: <c>/api/organizations</c>, <c>/api/themes</c>, <c>/api/figures</c>, <c>/api/sources</c>.</summary>
internal static class CatalogEndpoints
{
    public static RouteGroupBuilder MapCatalogEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/organizations", async Task<Ok<ItemList<OrganizationSummary>>> (EventService catalog, CancellationToken ct) =>
                TypedResults.Ok(ItemList<OrganizationSummary>.Of(await catalog.OrganizationsAsync(ct))))
            .WithName("ListOrganizations").WithTags("Organizations")
            .WithSummary("Every organisation, with its parent's slug.");

        api.MapGet("/themes", async Task<Ok<ItemList<ThemeRef>>> (EventService catalog, CancellationToken ct) =>
                TypedResults.Ok(ItemList<ThemeRef>.Of(await catalog.ThemesAsync(ct))))
            .WithName("ListThemes").WithTags("Themes")
            .WithSummary("The seven themes, in their display order.");

        api.MapGet("/figures", async Task<Ok<ItemList<FigureView>>> (FigureService figures, CancellationToken ct) =>
                TypedResults.Ok(ItemList<FigureView>.Of(await figures.ListAsync(ct))))
            .WithName("ListFigures").WithTags("Figures")
            .WithSummary("Every reported figure with its status and citations.");

        api.MapGet("/sources", async Task<Ok<ItemList<SourceView>>> (SourceService sources, CancellationToken ct) =>
                TypedResults.Ok(ItemList<SourceView>.Of(await sources.ListAsync(ct))))
            .WithName("ListSources").WithTags("Sources")
            .WithSummary("Every source with how many events, people, tenures and figures cite it; the primary source first.");

        return api;
    }
}
