using MetaAiTracker.Core.Abstractions;
using MetaAiTracker.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Core.Services;

public sealed record ThemeCount(ThemeRef Theme, int Count);

/// <summary>
/// How far the record reaches, read from the store: its first event (the one that had certainly happened earliest: the
/// earliest end of a date's span, so an event known only to "2025" does not stand for January), its last event (the latest
/// start), the newest date a source was published, and the last recorded edit (null when nobody has edited it since it
/// was loaded).
/// </summary>
public sealed record RecordCoverage(PartialDate? FirstEvent, PartialDate? LastEvent, PartialDate? NewestSource, DateTimeOffset? LastEdit)
{
    public static async Task<RecordCoverage> ReadAsync(ITrackerDbContext db, CancellationToken cancellationToken = default)
    {
        // The earliest end (the DateEnd index), and the latest start with the narrowest span (the (DateStart, DateEnd) index).
        var first = await db.Events.Where(e => e.DateEnd == db.Events.Min(x => x.DateEnd)).OrderByDescending(e => e.DateStart)
            .Select(e => (PartialDate?)e.Date).FirstOrDefaultAsync(cancellationToken);
        var last = await db.Events.Where(e => e.DateStart == db.Events.Max(x => x.DateStart)).OrderBy(e => e.DateEnd)
            .Select(e => (PartialDate?)e.Date).FirstOrDefaultAsync(cancellationToken);

        // Publication dates are partial-date text (they do not sort as dates in SQL), and there are few distinct ones.
        var published = await db.Sources.Where(s => s.Published != null).Select(s => s.Published).Distinct().ToListAsync(cancellationToken);
        var newest = published.Where(p => p is not null).Select(p => p!.Value).OrderByDescending(p => p.End).ThenByDescending(p => p.Start)
            .Select(p => (PartialDate?)p).FirstOrDefault();

        // The history is read newest first by its ids, which grow with time.
        var edited = await db.ChangeRecords.OrderByDescending(c => c.Id).Select(c => (DateTimeOffset?)c.ChangedAt).FirstOrDefaultAsync(cancellationToken);
        return new RecordCoverage(first, last, newest, edited);
    }
}

public sealed record Overview(
    IReadOnlyList<FigureView> KeyFigures,
    IReadOnlyList<FigureView> LatestFigures,
    IReadOnlyList<TimelineItem> LatestEvents,
    IReadOnlyList<ThemeCount> EventsPerTheme,
    AttritionResult? Attrition,
    int EventCount,
    int PeopleCount,
    int SourceCount,
    RecordCoverage Coverage);

/// <summary>Everything the overview page shows, from the same services the other pages use.</summary>
public sealed class OverviewService(ITrackerDbContextFactory factory, TimelineService timeline, FigureService figures, AttritionService attrition)
{
    public async Task<Overview> GetAsync(CancellationToken cancellationToken = default)
    {
        var all = await figures.ListAsync(cancellationToken);

        // Key figures: the numbers the primary source (the article) states, each with its status; then the newest figures
        // the later reporting gives (one a metric, the latest of each), so that the page reaches the present.
        var key = all.Where(f => f.Citations.Any(c => c.Source.IsPrimary)).ToList();
        var newest = all.Where(f => !f.Citations.Any(c => c.Source.IsPrimary) && f.AsOf is not null)
            .OrderByDescending(f => f.AsOf!.Value.End).ThenByDescending(f => f.AsOf!.Value.Start)
            .DistinctBy(f => f.Metric ?? f.Slug).Take(LatestFigureCount).ToList();

        var latest = await timeline.QueryAsync(new TimelineFilter { Sort = SortOrder.Descending, PageSize = 6 }, cancellationToken);
        var attritionResult = await attrition.ComputeAsync(new AttritionRequest(), cancellationToken);

        await using var db = await factory.CreateAsync(cancellationToken);
        var themes = await db.Themes.AsNoTracking().OrderBy(t => t.Id)
            .Select(t => new { Theme = new ThemeRef(t.Slug, t.NameEn, t.NameZh, t.Color), Count = t.Events.Count })
            .ToListAsync(cancellationToken);

        return new Overview(
            key,
            newest,
            latest.Items,
            themes.Select(t => new ThemeCount(t.Theme, t.Count)).ToList(),
            attritionResult,
            latest.TotalInStore,
            await db.People.CountAsync(cancellationToken),
            await db.Sources.CountAsync(cancellationToken),
            await RecordCoverage.ReadAsync(db, cancellationToken));
    }

    public const int LatestFigureCount = 6;

    /// <summary>How far the record reaches (<see cref="RecordCoverage"/>), without the rest of the overview.</summary>
    public async Task<RecordCoverage> CoverageAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateAsync(cancellationToken);
        return await RecordCoverage.ReadAsync(db, cancellationToken);
    }
}
