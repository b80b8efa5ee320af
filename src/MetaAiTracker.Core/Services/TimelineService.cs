using MetaAiTracker.Core.Abstractions;
using MetaAiTracker.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Core.Services;

public sealed record TimelineItem(
    string Slug,
    PartialDate Date,
    string TitleEn,
    string TitleZh,
    string SummaryEn,
    ClaimStatus Status,
    string? StatusNote,
    int Importance,
    IReadOnlyList<ThemeRef> Themes,
    IReadOnlyList<PersonRef> People,
    IReadOnlyList<OrganizationRef> Organizations);

public sealed record TimelineFacets(IReadOnlyList<FacetCount> Themes, IReadOnlyList<FacetCount> Statuses)
{
    /// <summary>
    /// The facets as the timeline reports them, whoever counted: every theme in id order, every status in value order.
    /// <paramref name="countOfTheme"/> gets the theme and its position in <paramref name="themes"/>.
    /// </summary>
    internal static TimelineFacets Of(
        IEnumerable<TimelineProjection.ThemeColumn> themes, Func<TimelineProjection.ThemeColumn, int, int> countOfTheme, Func<ClaimStatus, int> countOfStatus) => new(
        themes.Select((t, i) => new FacetCount(t.Slug, t.NameEn, countOfTheme(t, i))).ToList(),
        Enum.GetValues<ClaimStatus>().Select(s => new FacetCount(EnumText.ToText(s), EnumText.ToText(s), countOfStatus(s))).ToList());
}

/// <summary>A page of the filtered timeline, the total that matched, the store's total and the facet counts.</summary>
public sealed record TimelineResult(
    IReadOnlyList<TimelineItem> Items,
    int Total,
    int TotalInStore,
    int Page,
    int PageSize,
    TimelineFacets Facets)
{
    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

/// <summary>
/// Filters, sorts and pages the timeline in the database. The filter is composed as an <see cref="IQueryable{T}"/>
/// that EF Core translates to SQL; nothing loads every event into memory.
/// </summary>
/// <remarks>
/// With a <see cref="TimelineCache"/> (the app registers one), the search and the counts of a filter are kept while the
/// store's data version stays the same; the page itself is always read from the store. With a
/// <see cref="TimelineProjection"/> (registered too), a text search's facets, total and page order come from the
/// projection of the events in memory; without one, or for a store that has no data version, from SQL alone.
/// </remarks>
public sealed class TimelineService(ITrackerDbContextFactory factory, TimelineCache? cache = null, TimelineProjection? projection = null)
{
    public async Task<TimelineResult> QueryAsync(TimelineFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateAsync(cancellationToken);

        // The version is read before anything else (see ComputedCache.GetOrComputeAsync); the projection is for it.
        var hasText = !string.IsNullOrWhiteSpace(filter.Text);
        var version = cache is null && (projection is null || !hasText) ? null : await db.DataVersionAsync(cancellationToken);
        var snapshot = projection is not null && hasText && version is not null
            ? await projection.GetAsync(db, version, cancellationToken)
            : null;
        TimelineProjection.Matches? matches = null;
        var computed = false;
        var counted = await TimelineCache.GetOrComputeAsync(cache, version is null ? null : TimelineCache.Key(version, filter),
            async () =>
            {
                var (entry, evaluated) = await CountAsync(db, filter, snapshot, cancellationToken);
                (matches, computed) = (evaluated, true);
                return entry;
            });

        var (textIds, total, totalInStore, facets) = (counted.TextIds, counted.Total, counted.TotalInStore, counted.Facets);
        var pageSize = Math.Clamp(filter.PageSize, 1, TimelineFilter.MaxPageSize);
        var page = Math.Max(filter.Page, 1);
        if (!computed && snapshot is not null && textIds is not null)
        {
            // Kept counts: the matches the page is taken from are evaluated again (a pass over the ids, no statement).
            matches = snapshot.Evaluate(textIds, filter);
        }

        var rows = matches is not null
            ? await PageByIdsAsync(db, snapshot!.Page(matches, (page - 1) * pageSize, pageSize, filter.Sort), cancellationToken)
            : await PageAsync(db, filter, textIds, totalInStore, page, pageSize, cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var themes = ids.Count == 0 ? [] : await db.Events.AsNoTracking().Where(e => ids.Contains(e.Id))
            .SelectMany(e => e.Themes, (e, t) => new { EventId = e.Id, t.Id, Theme = new ThemeRef(t.Slug, t.NameEn, t.NameZh, t.Color) })
            .ToListAsync(cancellationToken);
        var people = ids.Count == 0 ? [] : await db.EventPeople.AsNoTracking().Where(p => ids.Contains(p.EventId))
            .OrderBy(p => p.Person.Name)
            .Select(p => new { p.EventId, Person = new PersonRef(p.Person.Slug, p.Person.Name, p.Person.NativeName, p.Role) })
            .ToListAsync(cancellationToken);
        var organizations = ids.Count == 0 ? [] : await db.EventOrganizations.AsNoTracking().Where(o => ids.Contains(o.EventId))
            .OrderBy(o => o.Organization.Name)
            .Select(o => new { o.EventId, Organization = new OrganizationRef(o.Organization.Slug, o.Organization.ShortName ?? o.Organization.Name, o.Role) })
            .ToListAsync(cancellationToken);
        var themesOf = themes.OrderBy(t => t.Id).ToLookup(t => t.EventId, t => t.Theme);
        var peopleOf = people.ToLookup(p => p.EventId, p => p.Person);
        var organizationsOf = organizations.ToLookup(o => o.EventId, o => o.Organization);

        var items = rows.Select(r => new TimelineItem(r.Slug, r.Date, r.TitleEn, r.TitleZh, r.SummaryEn, r.Status, r.StatusNote,
            r.Importance, themesOf[r.Id].ToList(), peopleOf[r.Id].ToList(), organizationsOf[r.Id].ToList())).ToList();

        return new TimelineResult(items, total, totalInStore, page, pageSize, facets);
    }

    private sealed record PageRow(int Id, string Slug, PartialDate Date, string TitleEn, string TitleZh, string SummaryEn,
        ClaimStatus Status, string? StatusNote, int Importance);

    /// <summary>The page's own columns, by SQL: the filter, in timeline order, skipped and taken.</summary>
    private static async Task<List<PageRow>> PageAsync(
        ITrackerDbContext db, TimelineFilter filter, List<int>? textIds, int totalInStore, int page, int pageSize, CancellationToken cancellationToken)
    {
        var query = Filter(db, filter, textIds);
        if (textIds is not null && IsBroad(textIds, page * pageSize, totalInStore))
        {
            // Many matches (a broad word): walking the date index in page order and checking each event against the
            // list finds a page after a few hundred rows, where fetching every listed event and sorting them reads
            // thousands. "+ 0" changes nothing in the result; it only keeps SQLite from driving the query by the id list.
            query = Filter(db, filter, textIds, byIdList: false);
        }

        var ordered = filter.Sort == SortOrder.Descending
            ? query.OrderByDescending(e => e.DateStart).ThenByDescending(e => e.DateEnd).ThenByDescending(e => e.Id)
            : query.OrderBy(e => e.DateStart).ThenBy(e => e.DateEnd).ThenBy(e => e.Id);

        // The page's own columns first; then the themes, people and organisations of exactly those events, one query
        // each, by id. (A split query would repeat the whole filter, text search included, in each of the three.)
        return await ordered
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(e => new PageRow(e.Id, e.Slug, e.Date, e.TitleEn, e.TitleZh, e.SummaryEn, e.Status, e.StatusNote, e.Importance))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The page's own columns for ids already in page order (from the projection): one lookup by id.</summary>
    private static async Task<List<PageRow>> PageByIdsAsync(ITrackerDbContext db, IReadOnlyList<int> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var list = ids.ToList();
        var rows = await db.Events.AsNoTracking().Where(e => list.Contains(e.Id))
            .Select(e => new PageRow(e.Id, e.Slug, e.Date, e.TitleEn, e.TitleZh, e.SummaryEn, e.Status, e.StatusNote, e.Importance))
            .ToDictionaryAsync(r => r.Id, cancellationToken);

        // An event deleted since the projection was built is left out, as a page read a moment later would.
        return list.Where(rows.ContainsKey).Select(id => rows[id]).ToList();
    }

    /// <summary>
    /// The search and the counts of a filter: a text search runs once per request (the index, and the LIKE check where
    /// the index is not exact), together with the filters no facet leaves out (dates, people, organisations); the page,
    /// the count and both facets then filter that list of ids by theme and status instead of repeating the search.
    /// </summary>
    /// <remarks>
    /// With a projection <paramref name="snapshot"/>, the facets and the total of a text search come from it (and are
    /// returned with the matches the page is then taken from); the SQL statements below answer only without one.
    /// </remarks>
    private static async Task<(TimelineCache.Entry Entry, TimelineProjection.Matches? Matches)> CountAsync(
        ITrackerDbContext db, TimelineFilter filter, TimelineProjection.Snapshot? snapshot, CancellationToken cancellationToken)
    {
        var textIds = await EventIdsWithTextAsync(db, filter, cancellationToken);
        if (snapshot is not null && textIds is not null && snapshot.Evaluate(textIds, filter) is { } matches)
        {
            return (new TimelineCache.Entry(textIds, snapshot.Count, snapshot.Facets(matches), matches.Total), matches);
        }

        var totalInStore = await CountEventsAsync(db, cancellationToken);
        var facets = await FacetsAsync(db, filter, textIds, totalInStore, cancellationToken);

        // With no status filter the status facet counts every matching event exactly once, so their sum is the total
        // and the filter need not run a second time. With one, the total is counted on its own.
        var total = filter.Statuses.Count == 0
            ? facets.Statuses.Sum(f => f.Count)
            : await Filter(db, filter, textIds).CountAsync(cancellationToken);
        return (new TimelineCache.Entry(textIds, totalInStore, facets, total), null);
    }

    /// <summary>
    /// Whether a page of <paramref name="rows"/> is found sooner by walking an index over all
    /// <paramref name="totalInStore"/> events and checking each against the <paramref name="ids"/> (about rows × total ÷ ids
    /// index entries) than by fetching every listed event (ids rows, then a sort or a grouping).
    /// </summary>
    private static bool IsBroad(List<int> ids, int rows, int totalInStore) => (long)ids.Count * ids.Count > (long)rows * totalInStore;

    // Fixed shapes, compiled once: no expression tree to build, hash and look up on every call.
    private static readonly CompiledPerModel<Func<DbContext, CancellationToken, Task<int>>> CountEvents =
        new(() => EF.CompileAsyncQuery((DbContext db, CancellationToken _) => db.Set<Event>().Count()));

    private static readonly CompiledPerModel<Func<DbContext, IAsyncEnumerable<TimelineProjection.ThemeColumn>>> ThemeRows =
        new(() => EF.CompileAsyncQuery((DbContext db) => db.Set<Theme>().AsNoTracking().OrderBy(t => t.Id).Select(t => new TimelineProjection.ThemeColumn(t.Id, t.Slug, t.NameEn))));

    /// <summary>Link rows of EventThemes per theme id, over the whole store (no filter): read from its (ThemeId, EventId) index alone.</summary>
    private static readonly CompiledPerModel<Func<DbContext, IAsyncEnumerable<ThemeTally>>> AllThemeTallies =
        new(() => EF.CompileAsyncQuery((DbContext db) => db.Set<Dictionary<string, object>>(EventThemesTable)
            .GroupBy(x => EF.Property<int>(x, "ThemeId")).Select(g => new ThemeTally(g.Key, g.Count()))));

    private const string EventThemesTable = "EventThemes";

    private sealed record ThemeTally(int ThemeId, int Count);

    /// <summary>
    /// Facet counts for the current filter: each facet is counted as if its own filter were not applied, so that
    /// the chips show what choosing another value would give.
    /// </summary>
    public static async Task<TimelineFacets> FacetsAsync(ITrackerDbContext db, TimelineFilter filter, CancellationToken cancellationToken = default) =>
        await FacetsAsync(db, filter, await EventIdsWithTextAsync(db, filter, cancellationToken), null, cancellationToken);

    /// <param name="totalInStore">The store's event count when the caller has it already (else counted here if needed).</param>
    private static async Task<TimelineFacets> FacetsAsync(
        ITrackerDbContext db, TimelineFilter filter, List<int>? textIds, int? totalInStore, CancellationToken cancellationToken)
    {
        var context = db as DbContext;
        var themes = context is not null
            ? await ThemeRows.For(context)(context).ToListAsync(cancellationToken)
            : await db.Themes.AsNoTracking().OrderBy(t => t.Id).Select(t => new TimelineProjection.ThemeColumn(t.Id, t.Slug, t.NameEn)).ToListAsync(cancellationToken);

        var withoutThemes = filter with { Themes = [] };
        Dictionary<int, int> themeCounts;
        if (context is not null)
        {
            // Count the link rows (EventId, ThemeId) of the matching events, grouped by theme id: the link table's
            // index answers it without reading the Events or Themes rows again; with no filter at all, from the index alone.
            if (withoutThemes.IsEmpty)
            {
                themeCounts = [];
                await foreach (var tally in AllThemeTallies.For(context)(context).WithCancellation(cancellationToken))
                {
                    themeCounts[tally.ThemeId] = tally.Count;
                }
            }
            else
            {
                var links = context.Set<Dictionary<string, object>>(EventThemesTable).AsQueryable();
                if (textIds is not null && withoutThemes.Statuses.Count == 0)
                {
                    // The ids already carry every filter the theme facet applies: the link rows of those ids, straight
                    // from the (EventId, ThemeId) key.
                    links = links.Where(x => EF.Parameter(textIds).Contains(EF.Property<int>(x, "EventId")));
                }
                else
                {
                    var matching = Filter(db, withoutThemes, textIds).Select(e => e.Id);
                    links = links.Where(x => matching.Contains(EF.Property<int>(x, "EventId")));
                }

                themeCounts = await links
                    .GroupBy(x => EF.Property<int>(x, "ThemeId"))
                    .Select(g => new { g.Key, Count = g.Count() })
                    .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
            }
        }
        else
        {
            themeCounts = await Filter(db, withoutThemes, textIds).SelectMany(e => e.Themes).GroupBy(t => t.Id)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        }

        // Many ids: scan the small (Status, DateStart, DateEnd) index checking each against the list, rather than look
        // up every listed event's wide row for its status.
        var withoutStatus = Filter(db, filter with { Statuses = [] }, textIds,
            byIdList: textIds is null || !IsBroad(textIds, textIds.Count / 4, totalInStore ?? await CountEventsAsync(db, cancellationToken)));
        var statusCounts = await withoutStatus.GroupBy(e => e.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);

        return TimelineFacets.Of(themes, (t, _) => themeCounts.GetValueOrDefault(t.Id), statusCounts.GetValueOrDefault);
    }

    private static async Task<int> CountEventsAsync(ITrackerDbContext db, CancellationToken cancellationToken) =>
        db is DbContext context ? await CountEvents.For(context)(context, cancellationToken) : await db.Events.CountAsync(cancellationToken);

    /// <summary>
    /// For a filter with text: the ids of the events that contain it and pass the filters every facet keeps (dates,
    /// people, organisations), looked up once; null for a filter without text. Themes and statuses are left out, since
    /// each facet counts as if its own one were not chosen.
    /// </summary>
    public static async Task<List<int>?> EventIdsWithTextAsync(ITrackerDbContext db, TimelineFilter filter, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(filter.Text))
        {
            return null;
        }

        // Text alone, and an exact index: its ids are the answer (no need to look each event up).
        var text = filter.Text.Trim();
        if ((filter with { Text = null, Themes = [], Statuses = [] }).IsEmpty
            && await db.EventIdListContainingAsync(text, cancellationToken) is { } exact)
        {
            return exact;
        }

        return await Filter(db, filter with { Themes = [], Statuses = [] }).Select(e => e.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// <see cref="Filter(ITrackerDbContext, TimelineFilter)"/> for the events of <paramref name="textIds"/> (from
    /// <see cref="EventIdsWithTextAsync"/>, one JSON-array parameter) when given: then only the theme and status filters
    /// remain to apply. <paramref name="byIdList"/> false writes the id test so that SQLite does not drive the query by it.
    /// </summary>
    private static IQueryable<Event> Filter(ITrackerDbContext db, TimelineFilter filter, List<int>? textIds, bool byIdList = true)
    {
        if (textIds is null)
        {
            return Filter(db, filter);
        }

        var query = Filter(db, new TimelineFilter { Themes = filter.Themes, Match = filter.Match, Statuses = filter.Statuses });
        return byIdList
            ? query.Where(e => EF.Parameter(textIds).Contains(e.Id))
            : query.Where(e => EF.Parameter(textIds).Contains(e.Id + 0));
    }

    /// <summary>The filtered events as a query (not yet run). Public so that tests can inspect the SQL it becomes.</summary>
    public static IQueryable<Event> Filter(ITrackerDbContext db, TimelineFilter filter)
    {
        IQueryable<Event> query = db.Events.AsNoTracking();

        if (filter.Themes.Count > 0)
        {
            // Distinct: "all of {talent, talent}" means all of {talent}; counting the repeat would ask each event
            // for two matching themes and match nothing.
            var themes = filter.Themes.Distinct(StringComparer.Ordinal).ToList();
            var count = themes.Count;
            query = filter.Match == ThemeMatch.All
                ? query.Where(e => e.Themes.Count(t => themes.Contains(t.Slug)) == count)
                : query.Where(e => e.Themes.Any(t => themes.Contains(t.Slug)));
        }

        if (filter.People.Count > 0)
        {
            var people = filter.People.ToList();
            query = query.Where(e => e.People.Any(p => people.Contains(p.Person.Slug)));
        }

        if (filter.Organizations.Count > 0)
        {
            var organizations = filter.Organizations.ToList();
            query = query.Where(e => e.Organizations.Any(o => organizations.Contains(o.Organization.Slug)));
        }

        if (filter.Statuses.Count > 0)
        {
            var statuses = filter.Statuses.ToList();
            query = query.Where(e => statuses.Contains(e.Status));
        }

        // An event is in the range when everything its date can denote lies in the range: "2025" is not
        // inside "2025-06 to 2025-09", because it may have happened in March.
        if (filter.From is { } from)
        {
            var start = from.Start;
            query = query.Where(e => e.DateStart >= start);
        }

        if (filter.To is { } to)
        {
            var end = to.End;
            query = query.Where(e => e.DateEnd <= end);
        }

        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            query = WithText(db, query, filter.Text.Trim());
        }

        return query;
    }

    /// <summary>The events of <paramref name="query"/> whose title, summary or a citation quote contains <paramref name="text"/>.</summary>
    private static IQueryable<Event> WithText(ITrackerDbContext db, IQueryable<Event> query, string text)
    {
        // No stored text holds U+0000 (PostgreSQL cannot store it, nor take it as a parameter; the dataset never
        // has one), so such a text matches nothing, on every provider.
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return query.Where(e => false);
        }

        // Where the store's index is exact for this text (SQLite: a text without cased letters), it decides alone.
        if (db.EventIdsContaining(text) is { } exact)
        {
            return query.Where(e => exact.Contains(e.Id));
        }

        // The store's full-text index (SQLite: the FTS5 trigram table EventText) narrows the events to those that may
        // contain the text, as a subquery of ids; null for one- or two-character texts and for stores without one. The
        // LIKE below stays in both cases: it is the exact rule (ASCII-only case folding, % and _ literal), and over the
        // index's candidates it costs a few rows instead of a scan of every event and citation.
        if (db.EventIdsMatching(text) is { } candidates)
        {
            query = query.Where(e => candidates.Contains(e.Id));
        }

        var pattern = LikePattern.Containing(text);
        return query.Where(e =>
            EF.Functions.Like(e.TitleEn, pattern, LikePattern.EscapeCharacter) ||
            EF.Functions.Like(e.TitleZh, pattern, LikePattern.EscapeCharacter) ||
            EF.Functions.Like(e.SummaryEn, pattern, LikePattern.EscapeCharacter) ||
            EF.Functions.Like(e.SummaryZh, pattern, LikePattern.EscapeCharacter) ||
            e.Citations.Any(c => EF.Functions.Like(c.Quote, pattern, LikePattern.EscapeCharacter) || EF.Functions.Like(c.QuoteEn!, pattern, LikePattern.EscapeCharacter)));
    }

    /// <summary>Reports slugs in the filter that name no theme, person or organisation (the API answers them with 400).</summary>
    public async Task<IReadOnlyDictionary<string, string[]>> FindUnknownReferencesAsync(TimelineFilter filter, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (filter.Themes.Count == 0 && filter.People.Count == 0 && filter.Organizations.Count == 0)
        {
            return errors;
        }

        await using var db = await factory.CreateAsync(cancellationToken);
        async Task Check(string parameter, IReadOnlyList<string> slugs, IQueryable<string> known, string what)
        {
            if (slugs.Count == 0)
            {
                return;
            }

            var list = slugs.ToList();
            var found = await known.Where(s => list.Contains(s)).ToListAsync(cancellationToken);
            var missing = list.Except(found, StringComparer.Ordinal).ToList();
            if (missing.Count > 0)
            {
                errors[parameter] = missing.Select(m => $"unknown {what} '{Excerpt.Of(m)}'").ToArray();
            }
        }

        await Check("themes", filter.Themes, db.Themes.Select(t => t.Slug), "theme");
        await Check("people", filter.People, db.People.Select(p => p.Slug), "person");
        await Check("orgs", filter.Organizations, db.Organizations.Select(o => o.Slug), "organization");
        return errors;
    }
}
