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
    public async Task<EventDetail?> GetAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateAsync(cancellationToken);
        var e = await db.Events.AsNoTracking()
            .Include(x => x.Themes)
            .Include(x => x.People).ThenInclude(p => p.Person)
            .Include(x => x.Organizations).ThenInclude(o => o.Organization)
            .Include(x => x.Citations).ThenInclude(c => c.Source)
            .Include(x => x.Figures).ThenInclude(f => f.Citations).ThenInclude(c => c.Source)
            .AsSplitQuery()
            .FirstOrDefaultAsync(x => x.Slug == slug, cancellationToken);
        if (e is null)
        {
            return null;
        }

        // Neighbours in timeline order (start, end, id).
        var previous = await db.Events.AsNoTracking()
            .Where(x => x.DateStart < e.DateStart || (x.DateStart == e.DateStart && (x.DateEnd < e.DateEnd || (x.DateEnd == e.DateEnd && x.Id < e.Id))))
            .OrderByDescending(x => x.DateStart).ThenByDescending(x => x.DateEnd).ThenByDescending(x => x.Id)
            .Select(x => new EventLink(x.Slug, x.TitleEn, x.Date)).FirstOrDefaultAsync(cancellationToken);
        var next = await db.Events.AsNoTracking()
            .Where(x => x.DateStart > e.DateStart || (x.DateStart == e.DateStart && (x.DateEnd > e.DateEnd || (x.DateEnd == e.DateEnd && x.Id > e.Id))))
            .OrderBy(x => x.DateStart).ThenBy(x => x.DateEnd).ThenBy(x => x.Id)
            .Select(x => new EventLink(x.Slug, x.TitleEn, x.Date)).FirstOrDefaultAsync(cancellationToken);

        return new EventDetail(
            e.Slug, e.Date, e.TitleEn, e.TitleZh, e.SummaryEn, e.SummaryZh, e.Importance, e.Status, e.StatusNote,
            e.Themes.OrderBy(t => t.Id).Select(t => new ThemeRef(t.Slug, t.NameEn, t.NameZh, t.Color)).ToList(),
            e.People.OrderBy(p => p.Person.Name).Select(p => new PersonRef(p.Person.Slug, p.Person.Name, p.Person.NativeName, p.Role)).ToList(),
            e.Organizations.OrderBy(o => o.Organization.Name).Select(o => new OrganizationRef(o.Organization.Slug, o.Organization.DisplayName, o.Role)).ToList(),
            e.Citations.OrderBy(c => c.Id).Select(CitationMapper.ToView).ToList(),
            e.Figures.OrderBy(f => f.Id).Select(FigureService.ToView).ToList(),
            previous, next);
    }

    public async Task<IReadOnlyList<ThemeRef>> ThemesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateAsync(cancellationToken);
        return await db.Themes.AsNoTracking().OrderBy(t => t.Id)
            .Select(t => new ThemeRef(t.Slug, t.NameEn, t.NameZh, t.Color)).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<OrganizationSummary>> OrganizationsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateAsync(cancellationToken);
        return await db.Organizations.AsNoTracking().OrderBy(o => o.Name)
            .Select(o => new OrganizationSummary(o.Slug, o.Name, o.NameZh, o.ShortName, o.Kind, o.Parent == null ? null : o.Parent.Slug, o.Description))
            .ToListAsync(cancellationToken);
    }
}

public sealed record OrganizationSummary(string Slug, string Name, string? NameZh, string? ShortName, OrganizationKind Kind, string? Parent, string? Description);
