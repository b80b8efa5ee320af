using MetaAiTracker.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Core.Abstractions;

/// <summary>
/// The store as the services see it. Implemented by the Data project's <c>TrackerDbContext</c>; the services
/// compose LINQ over these sets so that filtering runs in the database, whatever the provider.
/// </summary>
public interface ITrackerDbContext : IDisposable, IAsyncDisposable
{
    DbSet<Theme> Themes { get; }
    DbSet<Source> Sources { get; }
    DbSet<Citation> Citations { get; }
    DbSet<Organization> Organizations { get; }
    DbSet<Person> People { get; }
    DbSet<Tenure> Tenures { get; }
    DbSet<Event> Events { get; }
    DbSet<EventPerson> EventPeople { get; }
    DbSet<EventOrganization> EventOrganizations { get; }
    DbSet<Figure> Figures { get; }
    DbSet<ChangeRecord> ChangeRecords { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The ids of the events whose title, summary (English or Chinese) or a citation quote may contain
    /// <paramref name="text"/>, as a query the caller composes into its own (a subquery, not a list), or null when the
    /// store has no full-text index for it. It is an index, not the final word: it may return more events than contain
    /// the text (never fewer), so callers keep their exact predicate and use this to avoid scanning every event.
    /// The SQLite store answers texts of three or more characters from its FTS5 trigram tables; other providers,
    /// and shorter texts, get null and fall back to LIKE.
    /// </summary>
    IQueryable<int>? EventIdsMatching(string text) => null;

    /// <summary>
    /// The ids of exactly the events whose title, summary or a citation quote contains <paramref name="text"/> by the
    /// timeline's rule (LIKE: ASCII-only case folding, every other character as itself), as a composable query, or null
    /// when the store cannot answer it exactly from an index (then the caller uses <see cref="EventIdsMatching"/> and its
    /// own exact check). The default is null, so a provider without it still gives correct results.
    /// </summary>
    IQueryable<int>? EventIdsContaining(string text) => null;

    /// <summary>
    /// The ids of <see cref="EventIdsContaining"/> read into a list, or null where that is null. The default reads the
    /// query's rows; a store may read them in one piece (SQLite: one comma-separated value instead of a row per id).
    /// </summary>
    async Task<List<int>?> EventIdListContainingAsync(string text, CancellationToken cancellationToken = default) =>
        EventIdsContaining(text) is { } ids ? await ids.ToListAsync(cancellationToken) : null;

    /// <summary>
    /// What <see cref="Services.TimelineProjection"/> holds of every event, read from the store: the themes, the ids in
    /// timeline order (DateStart, DateEnd, Id), the ids of each status and the event ids of each theme. The default reads them
    /// by LINQ; a store may read them more cheaply (SQLite: from the indexes that hold them, without EF's per-row work).
    /// </summary>
    Task<TimelineColumns> ReadTimelineColumnsAsync(CancellationToken cancellationToken = default) =>
        TimelineColumns.ReadByLinqAsync(this, cancellationToken);

    /// <summary>
    /// A token that changes whenever the data the timeline and attrition read changes (events, their links, citations,
    /// tenures, themes, people, organisations), and names this store, so that two stores never share one; null when the
    /// store cannot tell, and then nothing is kept between requests. The default is null.
    /// </summary>
    Task<string?> DataVersionAsync(CancellationToken cancellationToken = default) => Task.FromResult<string?>(null);
}

/// <summary>Creates one short-lived context per operation (never one shared across a Blazor circuit).</summary>
public interface ITrackerDbContextFactory
{
    Task<ITrackerDbContext> CreateAsync(CancellationToken cancellationToken = default);
}

/// <summary>What the timeline projection is built from (see <see cref="ITrackerDbContext.ReadTimelineColumnsAsync"/>).</summary>
/// <param name="ThemesById">Every theme, by id.</param>
/// <param name="IdsInTimelineOrder">Every event's id, by DateStart, then DateEnd, then Id.</param>
/// <param name="IdsByStatus">Each status with the ids of its events.</param>
/// <param name="EventIdsByTheme">Each theme id with the ids of its events.</param>
public sealed record TimelineColumns(
    IReadOnlyList<Services.TimelineProjection.ThemeColumn> ThemesById,
    int[] IdsInTimelineOrder,
    IReadOnlyList<(ClaimStatus Status, List<int> Ids)> IdsByStatus,
    IReadOnlyList<(int ThemeId, List<int> EventIds)> EventIdsByTheme)
{
    /// <summary>The columns by LINQ, on any provider.</summary>
    public static async Task<TimelineColumns> ReadByLinqAsync(ITrackerDbContext db, CancellationToken cancellationToken = default)
    {
        var themes = await db.Themes.OrderBy(t => t.Id).Select(t => new Services.TimelineProjection.ThemeColumn(t.Id, t.Slug, t.NameEn)).ToListAsync(cancellationToken);
        var ordered = await db.Events.OrderBy(e => e.DateStart).ThenBy(e => e.DateEnd).ThenBy(e => e.Id).Select(e => e.Id).ToListAsync(cancellationToken);
        var statuses = await db.Events.Select(e => new { e.Id, e.Status }).ToListAsync(cancellationToken);
        var links = await db.Events.SelectMany(e => e.Themes, (e, t) => new { EventId = e.Id, ThemeId = t.Id }).ToListAsync(cancellationToken);
        return new TimelineColumns(
            themes,
            ordered.ToArray(),
            statuses.GroupBy(x => x.Status, x => x.Id).Select(g => (g.Key, g.ToList())).ToList(),
            links.GroupBy(x => x.ThemeId, x => x.EventId).Select(g => (g.Key, g.ToList())).ToList());
    }
}
