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

public sealed record TimelineFacets(IReadOnlyList<FacetCount> Themes, IReadOnlyList<FacetCount> Statuses);

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
public sealed class TimelineService(ITrackerDbContextFactory factory)
{
    public async Task<TimelineResult> QueryAsync(TimelineFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateAsync(cancellationToken);
        var query = Filter(db, filter);

        var total = await query.CountAsync(cancellationToken);
        var totalInStore = await db.Events.CountAsync(cancellationToken);
        var ordered = filter.Sort == SortOrder.Descending
            ? query.OrderByDescending(e => e.DateStart).ThenByDescending(e => e.DateEnd).ThenByDescending(e => e.Id)
            : query.OrderBy(e => e.DateStart).ThenBy(e => e.DateEnd).ThenBy(e => e.Id);
        var pageSize = Math.Clamp(filter.PageSize, 1, TimelineFilter.MaxPageSize);
        var page = Math.Max(filter.Page, 1);

        var rows = await ordered
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(e => new
            {
                e.Slug, e.Date, e.TitleEn, e.TitleZh, e.SummaryEn, e.Status, e.StatusNote, e.Importance,
                Themes = e.Themes.OrderBy(t => t.Id).Select(t => new ThemeRef(t.Slug, t.NameEn, t.NameZh, t.Color)).ToList(),
                People = e.People.OrderBy(p => p.Person.Name).Select(p => new PersonRef(p.Person.Slug, p.Person.Name, p.Person.NativeName, p.Role)).ToList(),
                Organizations = e.Organizations.OrderBy(o => o.Organization.Name).Select(o => new OrganizationRef(o.Organization.Slug, o.Organization.ShortName ?? o.Organization.Name, o.Role)).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        var items = rows.Select(r => new TimelineItem(r.Slug, r.Date, r.TitleEn, r.TitleZh, r.SummaryEn, r.Status, r.StatusNote,
            r.Importance, r.Themes, r.People, r.Organizations)).ToList();

        var facets = await FacetsAsync(db, filter, cancellationToken);
        return new TimelineResult(items, total, totalInStore, page, pageSize, facets);
    }

    /// <summary>
    /// Facet counts for the current filter: each facet is counted as if its own filter were not applied, so that
    /// the chips show what choosing another value would give.
    /// </summary>
    public static async Task<TimelineFacets> FacetsAsync(ITrackerDbContext db, TimelineFilter filter, CancellationToken cancellationToken = default)
    {
        var themes = await db.Themes.AsNoTracking().OrderBy(t => t.Id).Select(t => new { t.Slug, t.NameEn }).ToListAsync(cancellationToken);
        var withoutThemes = Filter(db, filter with { Themes = [] });
        var themeCounts = await withoutThemes.SelectMany(e => e.Themes).GroupBy(t => t.Slug)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);

        var withoutStatus = Filter(db, filter with { Statuses = [] });
        var statusCounts = await withoutStatus.GroupBy(e => e.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);

        return new TimelineFacets(
            themes.Select(t => new FacetCount(t.Slug, t.NameEn, themeCounts.GetValueOrDefault(t.Slug))).ToList(),
            Enum.GetValues<ClaimStatus>().Select(s => new FacetCount(EnumText.ToText(s), EnumText.ToText(s), statusCounts.GetValueOrDefault(s))).ToList());
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
            var text = filter.Text.Trim();

            // The store's full-text index (SQLite: FTS5 trigram tables) narrows the events to those that may contain
            // the text, as a subquery of ids; null for one- or two-character texts and for stores without one. The LIKE
            // below stays in both cases: it is the exact rule (ASCII-only case folding, % and _ literal), and over the
            // index's candidates it costs a few rows instead of a scan of every event and citation.
            if (db.EventIdsMatching(text) is { } candidates)
            {
                query = query.Where(e => candidates.Contains(e.Id));
            }

            var pattern = "%" + EscapeLike(text) + "%";
            query = query.Where(e =>
                EF.Functions.Like(e.TitleEn, pattern, "\\") ||
                EF.Functions.Like(e.TitleZh, pattern, "\\") ||
                EF.Functions.Like(e.SummaryEn, pattern, "\\") ||
                EF.Functions.Like(e.SummaryZh, pattern, "\\") ||
                e.Citations.Any(c => EF.Functions.Like(c.Quote, pattern, "\\") || EF.Functions.Like(c.QuoteEn!, pattern, "\\")));
        }

        return query;
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
                errors[parameter] = missing.Select(m => $"unknown {what} '{m}'").ToArray();
            }
        }

        await Check("themes", filter.Themes, db.Themes.Select(t => t.Slug), "theme");
        await Check("people", filter.People, db.People.Select(p => p.Slug), "person");
        await Check("orgs", filter.Organizations, db.Organizations.Select(o => o.Slug), "organization");
        return errors;
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
