using MetaAiTracker.Core.Domain;
using MetaAiTracker.Core.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MetaAiTracker.Web.Api;

/// <summary>A page of the filtered timeline: the same numbers the timeline page shows.</summary>
public sealed record EventPage(
    IReadOnlyList<TimelineItem> Items,
    int Total,
    int TotalInStore,
    int Page,
    int PageSize,
    int PageCount,
    TimelineFacets Facets,
    IReadOnlyList<EventGroup>? Groups);

/// <summary>A bucket of the page's events when <c>group</c> is month, quarter or year; <see cref="IsImprecise"/> marks "2025, month unknown".</summary>
public sealed record EventGroup(string Key, string Label, PartialDate? Span, bool IsImprecise, IReadOnlyList<string> Slugs);

/// <summary><c>GET /api/events</c> and <c>GET /api/events/{slug}</c>.</summary>
internal static class EventEndpoints
{
    public static RouteGroupBuilder MapEventEndpoints(this RouteGroupBuilder api)
    {
        var events = api.MapGroup("/events").WithTags("Events");

        events.MapGet("/", ListAsync)
            .WithName("ListEvents")
            .WithSummary("Filtered, sorted, paged timeline events with facet counts.")
            .WithDescription("Takes the timeline page's query parameters; a link's query means the same thing here and on /timeline.");

        events.MapGet("/{slug}", GetAsync)
            .WithName("GetEvent")
            .WithSummary("One event with its citations, people, organisations, figures and neighbours.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    internal static async Task<Results<Ok<EventPage>, ValidationProblem>> ListAsync(
        [AsParameters] TimelineQueryParameters query, TimelineService timeline, CancellationToken cancellationToken)
    {
        var (filter, errors) = await query.ValidateAsync(timeline, cancellationToken);
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var result = await timeline.QueryAsync(filter, cancellationToken);
        IReadOnlyList<EventGroup>? groups = filter.Group == TimelineGrouping.None
            ? null
            : TimelineGrouper.Group(result.Items, i => i.Date, filter.Group, filter.Sort)
                .Select(g => new EventGroup(g.Key, g.Label, SpanOf(g.Key), g.IsImprecise, g.Items.Select(i => i.Slug).ToList()))
                .ToList();

        return TypedResults.Ok(new EventPage(result.Items, result.Total, result.TotalInStore, result.Page, result.PageSize,
            result.PageCount, result.Facets, groups));
    }

    internal static async Task<Results<Ok<EventDetail>, ProblemHttpResult>> GetAsync(
        string slug, EventService events, CancellationToken cancellationToken)
    {
        var detail = await events.GetAsync(slug, cancellationToken);
        return detail is null ? ApiProblems.NotFound("event", slug) : TypedResults.Ok(detail);
    }

    /// <summary>The bucket's span as a partial date: its key is "2025-08", "2025-Q3" or "2025", or that followed by "-unknown".</summary>
    private static PartialDate? SpanOf(string key)
    {
        var text = key.EndsWith("-unknown", StringComparison.Ordinal) ? key[..^"-unknown".Length] : key;
        return PartialDate.TryParse(text, out var date) ? date : null;
    }
}
