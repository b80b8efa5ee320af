using MetaAiTracker.Core.Abstractions;
using MetaAiTracker.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Core.Services;

/// <summary>A source in the list, with whether its text is archived and how many events, people, tenures and figures cite it.</summary>
public sealed record SourceView(SourceRef Source, bool HasText, int Quotes, int Reports, int Events, int People, int Tenures, int Figures)
{
    public int Total => Events + People + Tenures + Figures;
}

/// <summary>What a citation belongs to, with the page that shows it: an event, a person, a tenure (its person's page) or a figure.</summary>
public sealed record CitedBy(string Kind, string Slug, string Label, string Href);

/// <summary>One citation of a source, with what it belongs to.</summary>
public sealed record SourceCitation(CitationView Citation, CitedBy CitedBy);

/// <summary>
/// A passage of an archived text that quotes cite: where it stands, its words, an English rendering where a citation gives
/// one, how many citations quote it and the first few of what they belong to.
/// </summary>
public sealed record SourcePassage(QuoteLocator Locator, string Quote, string? QuoteEn, int Count, IReadOnlyList<CitedBy> CitedBy);

/// <summary>
/// A source's page: the source, its reliability note, its archived text (null when none is kept) with every quoted passage,
/// and a page of everything that cites it.
/// </summary>
public sealed record SourceDetail(
    SourceRef Source,
    string? Note,
    IReadOnlyList<string>? Text,
    IReadOnlyList<SourcePassage> Passages,
    int CitationCount,
    int Page,
    int PageSize,
    IReadOnlyList<SourceCitation> Citations);

public sealed class SourceService(ITrackerDbContextFactory factory)
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    /// <summary>How many of what quotes a passage are named beside it; the citation list has them all.</summary>
    public const int CitersPerPassage = 3;

    /// <summary>Every source with how many events, people, tenures and figures cite it; the primary source first, then by date (undated last).</summary>
    public async Task<IReadOnlyList<SourceView>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateAsync(cancellationToken);
        var sources = await db.Sources.AsNoTracking()
            .Select(s => new { Source = s, HasText = s.Paragraphs.Any() })
            .ToListAsync(cancellationToken);
        var counts = await db.Citations.AsNoTracking()
            .GroupBy(c => c.SourceId)
            .Select(g => new
            {
                SourceId = g.Key,
                Quotes = g.Count(c => c.Kind == CitationKind.Quote),
                Reports = g.Count(c => c.Kind == CitationKind.Report),
                Events = g.Count(c => c.EventId != null),
                People = g.Count(c => c.PersonId != null),
                Tenures = g.Count(c => c.TenureId != null),
                Figures = g.Count(c => c.FigureId != null),
            })
            .ToDictionaryAsync(x => x.SourceId, cancellationToken);

        return sources
            .Select(s => counts.TryGetValue(s.Source.Id, out var c)
                ? new SourceView(SourceMapper.ToRef(s.Source), s.HasText, c.Quotes, c.Reports, c.Events, c.People, c.Tenures, c.Figures)
                : new SourceView(SourceMapper.ToRef(s.Source), s.HasText, 0, 0, 0, 0, 0, 0))
            .OrderByDescending(v => v.Source.IsPrimary).ThenBy(v => v.Source.Published is null).ThenBy(v => v.Source.Published)
            .ThenBy(v => v.Source.Publisher, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// One source with its archived text, the passages quotes cite (each with its first few citers), and page
    /// <paramref name="page"/> of its citations in the order they were made; null when there is no such source.
    /// </summary>
    public async Task<SourceDetail?> GetAsync(string slug, int page = 1, int pageSize = DefaultPageSize, CancellationToken cancellationToken = default)
    {
        page = Math.Max(page, 1);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await factory.CreateAsync(cancellationToken);
        var source = await db.Sources.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == slug, cancellationToken);
        if (source is null)
        {
            return null;
        }

        var text = await db.Sources.AsNoTracking().Where(s => s.Id == source.Id).SelectMany(s => s.Paragraphs)
            .OrderBy(p => p.Number).Select(p => p.Text).ToListAsync(cancellationToken);

        // Every quote of this source by id and place (small rows, even for a source quoted by every event of a large
        // store); the passages and their first citers come from these, then only those citers are read in full.
        var quoted = await db.Citations.AsNoTracking()
            .Where(c => c.SourceId == source.Id && c.Kind == CitationKind.Quote && c.Locator != null)
            .OrderBy(c => c.Id).Select(c => new { c.Id, c.Locator }).ToListAsync(cancellationToken);
        var groups = quoted.GroupBy(c => c.Locator!.Value)
            .Select(g => (Locator: g.Key, Count: g.Count(), First: g.Take(CitersPerPassage).Select(c => c.Id).ToList()))
            .OrderBy(g => g.Locator.Paragraph).ThenBy(g => g.Locator.Start).ThenBy(g => g.Locator.End)
            .ToList();

        var citationCount = await db.Citations.CountAsync(c => c.SourceId == source.Id, cancellationToken);
        var pageIds = await db.Citations.AsNoTracking().Where(c => c.SourceId == source.Id).OrderBy(c => c.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).Select(c => c.Id).ToListAsync(cancellationToken);

        var wanted = groups.SelectMany(g => g.First).Concat(pageIds).Distinct().ToList();
        var sourceRef = SourceMapper.ToRef(source);
        var read = await ReadAsync(db, sourceRef, wanted, cancellationToken);

        var passages = groups.Select(g => new SourcePassage(
            g.Locator,
            read[g.First[0]].Citation.Quote,
            g.First.Select(id => read[id].Citation.QuoteEn).FirstOrDefault(en => !string.IsNullOrWhiteSpace(en)),
            g.Count,
            g.First.Select(id => read[id].CitedBy).ToList())).ToList();

        return new SourceDetail(sourceRef, source.Note, text.Count == 0 ? null : text, passages,
            citationCount, page, pageSize, pageIds.Select(id => read[id]).ToList());
    }

    /// <summary>The citations of the given ids with what each belongs to, read in batches.</summary>
    private static async Task<Dictionary<int, SourceCitation>> ReadAsync(ITrackerDbContext db, SourceRef source, List<int> ids, CancellationToken cancellationToken)
    {
        var result = new Dictionary<int, SourceCitation>();
        foreach (var batch in ids.Chunk(500))
        {
            var rows = await db.Citations.AsNoTracking().Where(c => batch.Contains(c.Id))
                .Select(c => new
                {
                    c.Id, c.Kind, c.Quote, c.QuoteEn, c.Locator,
                    EventSlug = c.Event == null ? null : c.Event.Slug,
                    EventTitle = c.Event == null ? null : c.Event.TitleEn,
                    PersonSlug = c.Person == null ? null : c.Person.Slug,
                    PersonName = c.Person == null ? null : c.Person.Name,
                    TenureSlug = c.Tenure == null ? null : c.Tenure.Slug,
                    TenurePersonSlug = c.Tenure == null ? null : c.Tenure.Person.Slug,
                    TenurePersonName = c.Tenure == null ? null : c.Tenure.Person.Name,
                    TenureOrganization = c.Tenure == null ? null : c.Tenure.Organization.Name,
                    FigureSlug = c.Figure == null ? null : c.Figure.Slug,
                    FigureLabel = c.Figure == null ? null : c.Figure.Label,
                })
                .ToListAsync(cancellationToken);
            foreach (var r in rows)
            {
                var by = r.EventSlug is not null ? new CitedBy("event", r.EventSlug, r.EventTitle!, $"/events/{Uri.EscapeDataString(r.EventSlug)}")
                    : r.PersonSlug is not null ? new CitedBy("person", r.PersonSlug, r.PersonName!, $"/people/{Uri.EscapeDataString(r.PersonSlug)}")
                    : r.TenureSlug is not null ? new CitedBy("tenure", r.TenureSlug, $"{r.TenurePersonName} at {r.TenureOrganization}",
                        $"/people/{Uri.EscapeDataString(r.TenurePersonSlug!)}#tenure-{r.TenureSlug}")
                    : new CitedBy("figure", r.FigureSlug!, r.FigureLabel!, $"/figures#figure-{r.FigureSlug}");
                result[r.Id] = new SourceCitation(new CitationView(r.Kind, source, r.Quote, r.QuoteEn, r.Locator), by);
            }
        }

        return result;
    }
}
