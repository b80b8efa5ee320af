using MetaAiTracker.Core.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Core.Services;

public sealed record ThemeCount(ThemeRef Theme, int Count);

public sealed record Overview(
    IReadOnlyList<FigureView> KeyFigures,
    IReadOnlyList<TimelineItem> LatestEvents,
    IReadOnlyList<ThemeCount> EventsPerTheme,
    AttritionResult? Attrition,
    int EventCount,
    int PeopleCount,
    int SourceCount);

/// <summary>Everything the overview page shows, from the same services the other pages use.</summary>
public sealed class OverviewService(ITrackerDbContextFactory factory, TimelineService timeline, FigureService figures, AttritionService attrition)
{
    public async Task<Overview> GetAsync(CancellationToken cancellationToken = default)
    {
        var all = await figures.ListAsync(cancellationToken);

        // Key figures: the numbers the primary source (the article) states, each with its status.
        var key = all.Where(f => f.Citations.Any(c => c.Source.IsPrimary)).ToList();

        var latest = await timeline.QueryAsync(new TimelineFilter { Sort = SortOrder.Descending, PageSize = 6 }, cancellationToken);
        var attritionResult = await attrition.ComputeAsync(new AttritionRequest(), cancellationToken);

        await using var db = await factory.CreateAsync(cancellationToken);
        var themes = await db.Themes.AsNoTracking().OrderBy(t => t.Id)
            .Select(t => new { Theme = new ThemeRef(t.Slug, t.NameEn, t.NameZh, t.Color), Count = t.Events.Count })
            .ToListAsync(cancellationToken);

        return new Overview(
            key,
            latest.Items,
            themes.Select(t => new ThemeCount(t.Theme, t.Count)).ToList(),
            attritionResult,
            latest.TotalInStore,
            await db.People.CountAsync(cancellationToken),
            await db.Sources.CountAsync(cancellationToken));
    }
}
