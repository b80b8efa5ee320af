using System.Text;
using MetaAiTracker.Core.Services;
using MetaAiTracker.Data;
using MetaAiTracker.Data.Dataset;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Web.Api;

/// <summary>Bulk downloads: <c>/api/dataset</c>, <c>/api/events.csv</c> and the Atom feed <c>/feed.atom</c>.</summary>
internal static class ExportEndpoints
{
    public const string DatasetFileName = "meta-ai-2025.json";
    public const string CsvFileName = "meta-ai-2025-events.csv";
    public const string CsvContentType = "text/csv; charset=utf-8";

    public static RouteGroupBuilder MapExportEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/dataset", DatasetAsync)
            .WithName("DownloadDataset").WithTags("Exports")
            .WithSummary("The whole store in the dataset format (schemaVersion 2), as a download.")
            .Produces<string>(StatusCodes.Status200OK, "application/json");

        api.MapGet("/events.csv", CsvAsync)
            .WithName("DownloadEventsCsv").WithTags("Exports")
            .WithSummary("Every event matching the timeline filter as RFC 4180 CSV (UTF-8 with BOM); page and pageSize are ignored.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv");

        return api;
    }

    public static IEndpointRouteBuilder MapFeed(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/feed.atom", FeedAsync)
            .WithName("AtomFeed").WithTags("Exports")
            .WithSummary("Atom 1.0 feed of the events matching the timeline filter, newest first.")
            .Produces<string>(StatusCodes.Status200OK, "application/atom+xml");
        return endpoints;
    }

    internal static async Task<FileContentHttpResult> DatasetAsync(IDbContextFactory<TrackerDbContext> factory, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var document = await DatasetExporter.ExportAsync(db, cancellationToken: cancellationToken);
        return TypedResults.File(DatasetReader.WriteUtf8(document), "application/json", DatasetFileName);
    }

    internal static async Task<Results<FileContentHttpResult, ValidationProblem>> CsvAsync(
        [AsParameters] TimelineQueryParameters query, TimelineService timeline, EventService events, HttpContext context, CancellationToken cancellationToken)
    {
        var (filter, errors) = await query.ValidateAsync(timeline, cancellationToken);
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var items = await AllAsync(timeline, filter, cancellationToken);
        var citations = await events.CitationsOfAsync(items.Select(i => i.Slug).ToList(), cancellationToken);
        var bytes = EventCsv.Write(items, PublicUrls.EventUrl(PublicUrls.BaseOf(context)), citations);
        return TypedResults.File(bytes, CsvContentType, CsvFileName);
    }

    internal static async Task<Results<FileContentHttpResult, ValidationProblem>> FeedAsync(
        [AsParameters] TimelineQueryParameters query, TimelineService timeline, EventService events, HttpContext context, CancellationToken cancellationToken)
    {
        var (filter, errors) = await query.ValidateAsync(timeline, cancellationToken);
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var newestFirst = filter with { Sort = SortOrder.Descending, Group = TimelineGrouping.None, Page = 1, PageSize = TimelineFilter.DefaultPageSize };
        var items = await AllAsync(timeline, newestFirst, cancellationToken);

        var baseUrl = PublicUrls.BaseOf(context);
        var canonical = TimelineFilterParser.ToQueryString(newestFirst with { Sort = SortOrder.Ascending });
        var timelineQuery = TimelineFilterParser.ToQueryString(newestFirst);
        var self = $"{baseUrl}/feed.atom" + (canonical.Length > 0 ? "?" + canonical : string.Empty);
        var alternate = $"{baseUrl}/timeline" + (timelineQuery.Length > 0 ? "?" + timelineQuery : string.Empty);

        var fallback = DateTimeOffset.UnixEpoch;
        if (items.Count == 0)
        {
            var latest = await timeline.QueryAsync(new TimelineFilter { Sort = SortOrder.Descending, PageSize = 1 }, cancellationToken);
            if (latest.Items.Count > 0)
            {
                fallback = AtomFeed.UpdatedOf(latest.Items[0]);
            }
        }

        var citations = await events.CitationsOfAsync(items.Select(i => i.Slug).ToList(), cancellationToken);
        var bytes = AtomFeed.Write(AtomFeed.FeedId(canonical), items, self, alternate, PublicUrls.EventUrl(baseUrl), fallback, citations, baseUrl);
        return TypedResults.File(bytes, AtomFeed.ContentType);
    }

    /// <summary>Every matching event, fetched page by page (the service caps a page at <see cref="TimelineFilter.MaxPageSize"/>).</summary>
    internal static async Task<IReadOnlyList<TimelineItem>> AllAsync(TimelineService timeline, TimelineFilter filter, CancellationToken cancellationToken)
    {
        var all = new List<TimelineItem>();
        for (var page = 1; ; page++)
        {
            var result = await timeline.QueryAsync(filter with { Page = page, PageSize = TimelineFilter.MaxPageSize }, cancellationToken);
            all.AddRange(result.Items);
            if (page >= result.PageCount || result.Items.Count == 0)
            {
                return all;
            }
        }
    }
}
