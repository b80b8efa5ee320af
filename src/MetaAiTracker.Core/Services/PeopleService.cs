using MetaAiTracker.Core.Abstractions;
using MetaAiTracker.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Core.Services;

/// <summary>A row of the people table: the person and their latest tenure in the tracked lab.</summary>
public sealed record PersonRow(
    string Slug,
    string Name,
    string? NativeName,
    PersonKind Kind,
    string? Role,
    string? Organization,
    string? CameFrom,
    string? WentTo,
    PartialDate? Joined,
    PartialDate? Left,
    int? DaysAtLab,
    bool DaysAreEstimated);

public sealed record TenureView(
    string Slug,
    OrganizationRef Organization,
    string? Role,
    PartialDate? Start,
    PartialDate? End,
    OrganizationRef? CameFrom,
    OrganizationRef? WentTo,
    string? Reason,
    ClaimStatus Status,
    string? StatusNote,
    IReadOnlyList<CitationView> Citations);

public sealed record PersonDetail(
    string Slug,
    string Name,
    string? NativeName,
    string? Bio,
    PersonKind Kind,
    IReadOnlyList<TenureView> Tenures,
    IReadOnlyList<TimelineItem> Events,
    IReadOnlyList<CitationView> Citations);

public sealed class PeopleService(ITrackerDbContextFactory factory, AttritionService attrition)
{
    /// <summary>Everyone, with their latest tenure in <paramref name="lab"/> (MSL by default) or, failing that, their latest tenure anywhere.</summary>
    public async Task<IReadOnlyList<PersonRow>> ListAsync(string lab = AttritionRequest.DefaultOrganization, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateAsync(cancellationToken);
        var people = await db.People.AsNoTracking()
            .Include(p => p.Tenures).ThenInclude(t => t.Organization)
            .Include(p => p.Tenures).ThenInclude(t => t.CameFrom)
            .Include(p => p.Tenures).ThenInclude(t => t.WentTo)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var asOf = await attrition.LatestDateInDataAsync(db, cancellationToken);

        return people.Select(p =>
        {
            var tenure = p.Tenures.Where(t => t.Organization.Slug == lab).OrderByDescending(t => t.Start).FirstOrDefault()
                         ?? p.Tenures.OrderByDescending(t => t.End ?? PartialDate.OfYear(2999)).ThenByDescending(t => t.Start).FirstOrDefault();
            int? days = null;
            var estimated = true;
            if (tenure?.Start is { } start)
            {
                var end = tenure.End is { } e ? AttritionCalculator.PointOf(e) : asOf;
                days = end.DayNumber - AttritionCalculator.PointOf(start).DayNumber;
                estimated = start.Precision != DatePrecision.Day || tenure.End is not { Precision: DatePrecision.Day };
            }

            return new PersonRow(p.Slug, p.Name, p.NativeName, p.Kind, tenure?.Role, tenure?.Organization.DisplayName,
                tenure?.CameFrom?.DisplayName, tenure?.WentTo?.DisplayName, tenure?.Start, tenure?.End, days, estimated);
        })
        .OrderBy(r => r.Kind).ThenBy(r => r.Joined is null).ThenBy(r => r.Joined).ThenBy(r => r.Name, StringComparer.Ordinal)
        .ToList();
    }

    /// <summary>Every person's slug and names, ordered by name: what a picker needs, projected in SQL (no tenures).</summary>
    public async Task<IReadOnlyList<PersonRef>> NamesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateAsync(cancellationToken);
        var people = await db.People.AsNoTracking()
            .Select(p => new PersonRef(p.Slug, p.Name, p.NativeName, null))
            .ToListAsync(cancellationToken);
        return people.OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// At most <paramref name="limit"/> people whose name (English or native) contains <paramref name="text"/> (ASCII
    /// letters in any case), by name; the first by name when the text is empty. What a search-as-you-type picker asks
    /// for instead of loading everyone (20,000 people at 100k events).
    /// </summary>
    public async Task<IReadOnlyList<PersonRef>> SearchNamesAsync(string? text, int limit = NameSearch.DefaultLimit, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateAsync(cancellationToken);
        IQueryable<Person> people = db.People.AsNoTracking();
        if (NameSearch.Pattern(text) is { } pattern)
        {
            people = people.Where(p => EF.Functions.Like(p.Name, pattern, NameSearch.Escape) || EF.Functions.Like(p.NativeName!, pattern, NameSearch.Escape));
        }

        return await people.OrderBy(p => p.Name).ThenBy(p => p.Slug).Take(Math.Clamp(limit, 1, NameSearch.MaxLimit))
            .Select(p => new PersonRef(p.Slug, p.Name, p.NativeName, null))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The slugs and names of the given people (those that exist), e.g. to label a filter's chosen people.</summary>
    public async Task<IReadOnlyList<PersonRef>> NamesOfAsync(IReadOnlyCollection<string> slugs, CancellationToken cancellationToken = default)
    {
        if (slugs.Count == 0)
        {
            return [];
        }

        var list = slugs.ToList();
        await using var db = await factory.CreateAsync(cancellationToken);
        return await db.People.AsNoTracking().Where(p => list.Contains(p.Slug))
            .Select(p => new PersonRef(p.Slug, p.Name, p.NativeName, null))
            .ToListAsync(cancellationToken);
    }

    public async Task<PersonDetail?> GetAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateAsync(cancellationToken);
        var p = await db.People.AsNoTracking()
            .Include(x => x.Tenures).ThenInclude(t => t.Organization)
            .Include(x => x.Tenures).ThenInclude(t => t.CameFrom)
            .Include(x => x.Tenures).ThenInclude(t => t.WentTo)
            .Include(x => x.Tenures).ThenInclude(t => t.Citations).ThenInclude(c => c.Source)
            .Include(x => x.Citations).ThenInclude(c => c.Source)
            .AsSplitQuery()
            .FirstOrDefaultAsync(x => x.Slug == slug, cancellationToken);
        if (p is null)
        {
            return null;
        }

        var events = await new TimelineService(factory).QueryAsync(new TimelineFilter { People = [slug], PageSize = TimelineFilter.MaxPageSize }, cancellationToken);

        static OrganizationRef? Ref(Organization? o) => o is null ? null : new OrganizationRef(o.Slug, o.DisplayName, null);

        return new PersonDetail(p.Slug, p.Name, p.NativeName, p.Bio, p.Kind,
            p.Tenures.OrderBy(t => t.Start).Select(t => new TenureView(t.Slug, Ref(t.Organization)!, t.Role, t.Start, t.End,
                Ref(t.CameFrom), Ref(t.WentTo), t.Reason, t.Status, t.StatusNote,
                t.Citations.OrderBy(c => c.Id).Select(CitationMapper.ToView).ToList())).ToList(),
            events.Items,
            p.Citations.OrderBy(c => c.Id).Select(CitationMapper.ToView).ToList());
    }
}
