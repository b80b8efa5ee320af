using MetaAiTracker.Core.Abstractions;
using MetaAiTracker.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Core.Services;

public sealed record EventLink(string Slug, string TitleEn, PartialDate Date);

public sealed record EventDetail(
    string Slug,
    PartialDate Date,
    string TitleEn,
    string TitleZh,
    string SummaryEn,
    string SummaryZh,
    int Importance,
    ClaimStatus Status,
    string? StatusNote,
    IReadOnlyList<ThemeRef> Themes,
    IReadOnlyList<PersonRef> People,
    IReadOnlyList<OrganizationRef> Organizations,
    IReadOnlyList<CitationView> Citations,
    IReadOnlyList<FigureView> Figures,
    EventLink? Previous,
    EventLink? Next);

/// <summary>One event with everything its page shows: citations, people, organisations, figures, neighbours.</summary>
public sealed class EventService(ITrackerDbContextFactory factory)
{
    // The event page's queries have a fixed shape: compiled once, they skip building and looking up the expression
    // tree on every request.
    private static readonly CompiledPerModel<Func<DbContext, string, CancellationToken, Task<Event?>>> EventBySlug =
        new(() => EF.CompileAsyncQuery((DbContext db, string slug, CancellationToken _) => db.Set<Event>().AsNoTracking()
            .Include(x => x.Themes)
            .Include(x => x.People).ThenInclude(p => p.Person)
            .Include(x => x.Organizations).ThenInclude(o => o.Organization)
            .Include(x => x.Citations).ThenInclude(c => c.Source)
            .Include(x => x.Figures).ThenInclude(f => f.Citations).ThenInclude(c => c.Source)
            .AsSplitQuery()
            .FirstOrDefault(x => x.Slug == slug)));

    private static readonly CompiledPerModel<Func<DbContext, DateOnly, DateOnly, int, CancellationToken, Task<EventLink?>>> PreviousEvent =
        new(() => EF.CompileAsyncQuery((DbContext db, DateOnly start, DateOnly end, int id, CancellationToken _) => db.Set<Event>().AsNoTracking()
            .Where(x => x.DateStart < start || (x.DateStart == start && (x.DateEnd < end || (x.DateEnd == end && x.Id < id))))
            .OrderByDescending(x => x.DateStart).ThenByDescending(x => x.DateEnd).ThenByDescending(x => x.Id)
            .Select(x => new EventLink(x.Slug, x.TitleEn, x.Date)).FirstOrDefault()));

    private static readonly CompiledPerModel<Func<DbContext, DateOnly, DateOnly, int, CancellationToken, Task<EventLink?>>> NextEvent =
        new(() => EF.CompileAsyncQuery((DbContext db, DateOnly start, DateOnly end, int id, CancellationToken _) => db.Set<Event>().AsNoTracking()
            .Where(x => x.DateStart > start || (x.DateStart == start && (x.DateEnd > end || (x.DateEnd == end && x.Id > id))))
            .OrderBy(x => x.DateStart).ThenBy(x => x.DateEnd).ThenBy(x => x.Id)
            .Select(x => new EventLink(x.Slug, x.TitleEn, x.Date)).FirstOrDefault()));

    public async Task<EventDetail?> GetAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateAsync(cancellationToken);
        if (db is not DbContext context)
        {
            throw new NotSupportedException("EventService needs an EF Core DbContext as its store.");
        }

        var e = await EventBySlug.For(context)(context, slug, cancellationToken);
        if (e is null)
        {
            return null;
        }

        // Neighbours in timeline order (start, end, id).
        var previous = await PreviousEvent.For(context)(context, e.DateStart, e.DateEnd, e.Id, cancellationToken);
        var next = await NextEvent.For(context)(context, e.DateStart, e.DateEnd, e.Id, cancellationToken);

        return new EventDetail(
            e.Slug, e.Date, e.TitleEn, e.TitleZh, e.SummaryEn, e.SummaryZh, e.Importance, e.Status, e.StatusNote,
            e.Themes.OrderBy(t => t.Id).Select(t => new ThemeRef(t.Slug, t.NameEn, t.NameZh, t.Color)).ToList(),
            e.People.OrderBy(p => p.Person.Name).Select(p => new PersonRef(p.Person.Slug, p.Person.Name, p.Person.NativeName, p.Role)).ToList(),
            e.Organizations.OrderBy(o => o.Organization.Name).Select(o => new OrganizationRef(o.Organization.Slug, o.Organization.DisplayName, o.Role)).ToList(),
            e.Citations.OrderBy(c => c.Id).Select(CitationMapper.ToView).ToList(),
            e.Figures.OrderBy(f => f.Id).Select(FigureService.ToView).ToList(),
            previous, next);
    }

    /// <summary>
    /// The citations of the given events, by event slug, each event's in the order they were made: what the CSV and the
    /// feed show beside each event. Read in batches, so a whole-store export stays a handful of queries per thousand events.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<CitationView>>> CitationsOfAsync(
        IReadOnlyCollection<string> eventSlugs, CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<string, IReadOnlyList<CitationView>>(StringComparer.Ordinal);
        await using var db = await factory.CreateAsync(cancellationToken);
        foreach (var batch in eventSlugs.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var rows = await db.Citations.AsNoTracking()
                .Where(c => c.Event != null && batch.Contains(c.Event.Slug))
                .OrderBy(c => c.Id)
                .Select(c => new { EventSlug = c.Event!.Slug, c.Kind, c.Quote, c.QuoteEn, c.Locator, c.Source })
                .ToListAsync(cancellationToken);
            foreach (var group in rows.GroupBy(r => r.EventSlug, StringComparer.Ordinal))
            {
                result[group.Key] = group.Select(r => new CitationView(r.Kind, SourceMapper.ToRef(r.Source), r.Quote, r.QuoteEn, r.Locator)).ToList();
            }
        }

        return result;
    }

    public async Task<IReadOnlyList<ThemeRef>> ThemesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateAsync(cancellationToken);
        return await db.Themes.AsNoTracking().OrderBy(t => t.Id)
            .Select(t => new ThemeRef(t.Slug, t.NameEn, t.NameZh, t.Color)).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// At most <paramref name="limit"/> organisations whose name, Chinese name or short name contains
    /// <paramref name="text"/> (ASCII letters in any case), by name; the first by name when the text is empty.
    /// </summary>
    public async Task<IReadOnlyList<OrganizationSummary>> SearchOrganizationsAsync(string? text, int limit = NameSearch.DefaultLimit, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateAsync(cancellationToken);
        IQueryable<Organization> organizations = db.Organizations.AsNoTracking();
        if (NameSearch.Pattern(text) is { } pattern)
        {
            organizations = organizations.Where(o => EF.Functions.Like(o.Name, pattern, NameSearch.Escape)
                || EF.Functions.Like(o.NameZh!, pattern, NameSearch.Escape) || EF.Functions.Like(o.ShortName!, pattern, NameSearch.Escape));
        }

        return await SummariesAsync(organizations.OrderBy(o => o.Name).ThenBy(o => o.Slug).Take(Math.Clamp(limit, 1, NameSearch.MaxLimit)), cancellationToken);
    }

    /// <summary>The given organisations (those that exist), e.g. to label a filter's chosen organisations.</summary>
    public async Task<IReadOnlyList<OrganizationSummary>> OrganizationsOfAsync(IReadOnlyCollection<string> slugs, CancellationToken cancellationToken = default)
    {
        if (slugs.Count == 0)
        {
            return [];
        }

        var list = slugs.ToList();
        await using var db = await factory.CreateAsync(cancellationToken);
        return await SummariesAsync(db.Organizations.AsNoTracking().Where(o => list.Contains(o.Slug)), cancellationToken);
    }

    private static Task<List<OrganizationSummary>> SummariesAsync(IQueryable<Organization> organizations, CancellationToken cancellationToken) =>
        organizations.Select(o => new OrganizationSummary(o.Slug, o.Name, o.NameZh, o.ShortName, o.Kind, o.Parent == null ? null : o.Parent.Slug, o.Description,
                o.ExistedFrom, o.ExistedTo))
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<OrganizationSummary>> OrganizationsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateAsync(cancellationToken);
        return await SummariesAsync(db.Organizations.AsNoTracking().OrderBy(o => o.Name), cancellationToken);
    }
}

/// <summary>The LIKE pattern of a search-as-you-type name picker (%, _ and \\ literal), and its bounds.</summary>
public static class NameSearch
{
    public const int DefaultLimit = 20;

    public const int MaxLimit = 100;

    public const string Escape = LikePattern.EscapeCharacter;

    /// <summary>"%text%" with LIKE's wildcards escaped, or null for an empty text (no filter).</summary>
    public static string? Pattern(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : LikePattern.Containing(text.Trim());
}

/// <summary>An organisation with its parent's slug and, where the sources say, when it existed.</summary>
public sealed record OrganizationSummary(
    string Slug, string Name, string? NameZh, string? ShortName, OrganizationKind Kind, string? Parent, string? Description,
    PartialDate? ExistedFrom, PartialDate? ExistedTo);
