using System.Globalization;
using MetaAiTracker.Core.Domain;
using MetaAiTracker.Core.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MetaAiTracker.Web.Api;

/// <summary>
/// One source as <c>GET /api/sources/{slug}</c> answers it: what kind it is, whose reporting, the page read and when, its
/// archived text (null when the store keeps none), and a page of its citations, each a quote or a report with what it belongs to.
/// </summary>
public sealed record SourceAnswer(
    string Slug,
    SourceKind Kind,
    string Publisher,
    string? Via,
    string Title,
    PartialDate? Published,
    string? Url,
    PartialDate? Read,
    string Language,
    bool IsPrimary,
    string? Note,
    IReadOnlyList<string>? Text,
    int CitationCount,
    int Page,
    int PageSize,
    IReadOnlyList<SourceCitationAnswer> Citations);

/// <summary>A citation of a source: <c>quote</c> is the words quoted (a quote) or the tracker's sentence (a report).</summary>
public sealed record SourceCitationAnswer(CitationKind Kind, string Quote, string? QuoteEn, QuoteLocator? Locator, string? ContextUrl, string Display, CitedBy CitedBy);

/// <summary>The reference lists: <c>/api/organizations</c>, <c>/api/themes</c>, <c>/api/figures</c>, <c>/api/sources</c>, and one source.</summary>
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
            .WithSummary("Every source with its kind, the page read, whether its text is archived and how many quotes and reports cite it; the primary source first.");

        api.MapGet("/sources/{slug}", GetSourceAsync)
            .WithName("GetSource").WithTags("Sources")
            .WithSummary("One source with its archived text (null when none is kept) and a page of its citations (page, pageSize up to 1000).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    internal static async Task<Results<Ok<SourceAnswer>, ValidationProblem, ProblemHttpResult>> GetSourceAsync(
        string slug, [FromQuery(Name = "page")] string? page, [FromQuery(Name = "pageSize")] string? pageSize,
        SourceService sources, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var pageNumber = Whole("page", page, 1, 1, int.MaxValue, errors);
        var size = Whole("pageSize", pageSize, SourceService.DefaultPageSize, 1, SourceService.MaxPageSize, errors);
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var detail = await sources.GetAsync(slug, pageNumber, size, cancellationToken);
        if (detail is null)
        {
            return ApiProblems.NotFound("source", slug);
        }

        var s = detail.Source;
        var citations = detail.Citations.Select(c => new SourceCitationAnswer(
            c.Citation.Kind, c.Citation.Quote, c.Citation.QuoteEn, c.Citation.Locator, c.Citation.ContextUrl, c.Citation.Display, c.CitedBy)).ToList();
        return TypedResults.Ok(new SourceAnswer(s.Slug, s.Kind, s.Publisher, s.Via, s.Title, s.Published, s.Url, s.Read, s.Language,
            s.IsPrimary, detail.Note, detail.Text, detail.CitationCount, detail.Page, detail.PageSize, citations));
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, <paramref name="fallback"/> when absent; otherwise an error.</summary>
    private static int Whole(string name, string? text, int fallback, int min, int max, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors[name] = [$"'{Excerpt.Of(text)}' is not a whole number from {min} to {max}"];
        return fallback;
    }
}
