using MetaAiTracker.Core.Abstractions;
using MetaAiTracker.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Core.Services;

public sealed record AttritionRequest
{
    public const string DefaultOrganization = "msl";

    public string Organization { get; init; } = DefaultOrganization;
    public bool IncludeSubOrganizations { get; init; } = true;

    /// <summary>
    /// Window start (month); default: the month of the organisation's first join as the calculator places it (the
    /// midpoint rule), so a join known only as "2025" opens the window in July, not January.
    /// </summary>
    public PartialDate? From { get; init; }

    /// <summary>Window end (month); default: the as-of date.</summary>
    public PartialDate? To { get; init; }

    /// <summary>Default: the latest date in the data, never later than today.</summary>
    public PartialDate? AsOf { get; init; }
}

public sealed record AttritionResult(
    OrganizationRef Organization,
    IReadOnlyList<OrganizationRef> IncludedOrganizations,
    AttritionReport Report,
    IReadOnlyDictionary<string, string> OrganizationNames)
{
    public string NameOf(string? slug) => slug is null ? "Unknown" : OrganizationNames.GetValueOrDefault(slug, slug);
}

/// <summary>An organisation attrition can be computed for: it, or one of its sub-organisations, has tenures.</summary>
public sealed record AttritionOrganization(
    string Slug,
    string Name,
    OrganizationKind Kind,
    string? ParentSlug,
    int Tenures,
    int TenuresWithSubOrganizations);

/// <summary>Loads an organisation's tenures and runs the <see cref="AttritionCalculator"/> over a window, as of a date.</summary>
/// <remarks>With an <see cref="AttritionCache"/> (the app registers one), a report is kept while the data version stays the same.</remarks>
public sealed class AttritionService(ITrackerDbContextFactory factory, TimeProvider time, AttritionCache? cache = null)
{
    /// <summary>Returns null when the organisation does not exist.</summary>
    public async Task<AttritionResult?> ComputeAsync(AttritionRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateAsync(cancellationToken);

        // The version first (see ComputedCache.GetOrComputeAsync).
        var version = cache is null ? null : await db.DataVersionAsync(cancellationToken);
        return await AttritionCache.GetOrComputeAsync(cache, version is null ? null : AttritionCache.Key(version, request, Today),
            () => ComputeAsync(db, request, cancellationToken));
    }

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private async Task<AttritionResult?> ComputeAsync(ITrackerDbContext db, AttritionRequest request, CancellationToken cancellationToken)
    {
        var organizations = await db.Organizations.AsNoTracking()
            .Select(o => new { o.Id, o.Slug, o.Name, o.ShortName, o.ParentId }).ToListAsync(cancellationToken);
        var root = organizations.FirstOrDefault(o => o.Slug == request.Organization);
        if (root is null)
        {
            return null;
        }

        var included = new List<int> { root.Id };
        if (request.IncludeSubOrganizations)
        {
            for (var i = 0; i < included.Count; i++)
            {
                included.AddRange(organizations.Where(o => o.ParentId == included[i] && !included.Contains(o.Id)).Select(o => o.Id));
            }
        }

        // Came-from and went-to by id, named from the organisations read above: two joins fewer per tenure.
        // (An organisation added between the two reads is not in the dictionary: that tenure's came-from or went-to then
        // reads as not reported for this one computation, which the next write's version makes stale anyway.)
        var slugOf = organizations.ToDictionary(o => o.Id, o => o.Slug);
        string? SlugOf(int? id) => id is { } known ? slugOf.GetValueOrDefault(known) : null;
        var tenures = (await db.Tenures.AsNoTracking()
                .Where(t => included.Contains(t.OrganizationId))
                .Select(t => new { t.Person.Slug, t.Person.Name, t.Start, t.End, t.CameFromId, t.WentToId })
                .ToListAsync(cancellationToken))
            .Select(t => new TenureRecord(t.Slug, t.Name, t.Start, t.End, SlugOf(t.CameFromId), SlugOf(t.WentToId)))
            .ToList();

        var asOf = request.AsOf?.End ?? await LatestDateInDataAsync(db, cancellationToken);
        // The default window opens with the first join where the calculator places it (the midpoint of its span).
        // Taking the first day of the span instead let one join known only to the year ("2025") open the window in
        // January, padding it with months in which, by the calculator's own rule, nobody was there yet.
        var from = request.From?.Start
                   ?? tenures.Where(t => t.Start is not null).Select(t => (DateOnly?)AttritionCalculator.PointOf(t.Start!.Value)).Min()
                   ?? new DateOnly(asOf.Year, 1, 1);
        var to = request.To?.End ?? asOf;
        if (to < from)
        {
            to = from;
        }

        var report = AttritionCalculator.Compute(tenures, from, to, asOf);
        var names = organizations.ToDictionary(o => o.Slug, o => o.ShortName ?? o.Name, StringComparer.Ordinal);
        return new AttritionResult(
            new OrganizationRef(root.Slug, root.ShortName ?? root.Name, null),
            organizations.Where(o => included.Contains(o.Id)).Select(o => new OrganizationRef(o.Slug, o.ShortName ?? o.Name, null)).ToList(),
            report,
            names);
    }

    /// <summary>
    /// The organisations with at least one tenure, counting those of their sub-organisations, so that a page offers
    /// only choices that give a chart. Ordered by how many tenures they hold (with sub-organisations), then by name.
    /// </summary>
    public async Task<IReadOnlyList<AttritionOrganization>> OrganizationsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateAsync(cancellationToken);
        var organizations = await db.Organizations.AsNoTracking()
            .Select(o => new { o.Id, o.Slug, o.Name, o.ShortName, o.Kind, o.ParentId, ParentSlug = o.Parent == null ? null : o.Parent.Slug })
            .ToListAsync(cancellationToken);
        var own = await db.Tenures.AsNoTracking().GroupBy(t => t.OrganizationId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);

        int WithSubOrganizations(int id)
        {
            var total = 0;
            var seen = new HashSet<int>();
            var queue = new Queue<int>([id]);
            while (queue.TryDequeue(out var current))
            {
                if (!seen.Add(current))
                {
                    continue;
                }

                total += own.GetValueOrDefault(current);
                foreach (var child in organizations.Where(o => o.ParentId == current))
                {
                    queue.Enqueue(child.Id);
                }
            }

            return total;
        }

        return organizations
            .Select(o => new AttritionOrganization(o.Slug, o.ShortName ?? o.Name, o.Kind, o.ParentSlug, own.GetValueOrDefault(o.Id), WithSubOrganizations(o.Id)))
            .Where(o => o.TenuresWithSubOrganizations > 0)
            .OrderByDescending(o => o.TenuresWithSubOrganizations).ThenBy(o => o.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The latest date the data speaks of, capped at today: the date with the latest start among events and tenures,
    /// taken to the end of its span when it is known to the month or better ("2025-09" → 30 Sep 2025), and to its
    /// start otherwise (a bare "2025" says nothing about December).
    /// </summary>
    public async Task<DateOnly> LatestDateInDataAsync(ITrackerDbContext db, CancellationToken cancellationToken = default)
    {
        var today = Today;
        // The latest start, then the narrowest span among the events that start then: both read from the
        // (DateStart, DateEnd) index. (ORDER BY DateStart DESC, DateEnd ASC mixes directions, so no index serves it and
        // SQLite sorted every event.)
        var lastEvent = await db.Events
            .Where(e => e.DateStart == db.Events.Max(x => x.DateStart))
            .OrderBy(e => e.DateEnd)
            .Select(e => (PartialDate?)e.Date).FirstOrDefaultAsync(cancellationToken);
        // Tenure dates are partial-date text, which does not sort as dates in SQL; but there are few distinct ones
        // (a few hundred months and days), so read those rather than two columns of every tenure.
        var tenureDates = await db.Tenures.Where(t => t.Start != null).Select(t => t.Start)
            .Union(db.Tenures.Where(t => t.End != null).Select(t => t.End))
            .ToListAsync(cancellationToken);
        var candidates = tenureDates.Append(lastEvent)
            .Where(d => d is not null).Select(d => d!.Value).ToList();
        if (candidates.Count == 0)
        {
            return today;
        }

        var latest = candidates.OrderByDescending(d => d.Start).ThenBy(d => d.End).First();
        var day = latest.Precision >= DatePrecision.Month ? latest.End : latest.Start;
        return day < today ? day : today;
    }
}
