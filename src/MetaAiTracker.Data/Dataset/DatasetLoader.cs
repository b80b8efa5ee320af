using MetaAiTracker.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Data.Dataset;

/// <summary>
/// Writes a validated dataset document into an empty store, in one transaction: either all of it lands or none.
/// </summary>
public static class DatasetLoader
{
    /// <summary>Validates <paramref name="document"/> and writes it. Throws <see cref="DatasetValidationException"/> with every problem, having written nothing.</summary>
    public static async Task<DatasetCounts> LoadAsync(TrackerDbContext db, DatasetDocument document, CancellationToken cancellationToken = default)
    {
        var problems = DatasetValidator.Validate(document);
        if (problems.Count > 0)
        {
            throw new DatasetValidationException(problems);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        var loaded = await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (await db.Themes.AnyAsync(ct) || await db.Sources.AnyAsync(ct) || await db.Events.AnyAsync(ct))
            {
                throw new InvalidOperationException("The store already holds data; the loader only fills an empty store.");
            }

            var counts = Map(db, CitedSources.Complete(document));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return counts;
        }, cancellationToken);

        // After the commit, so that the data stands whatever happens here: a search then reads one merged index segment.
        await db.CompactTextIndexAsync();
        return loaded;
    }

    private static DatasetCounts Map(TrackerDbContext db, DatasetDocument d)
    {
        var themes = (d.Themes ?? []).ToDictionary(t => t.Slug!, t => new Theme
        {
            Slug = t.Slug!, NameEn = t.NameEn!, NameZh = t.NameZh!, Color = t.Color!, Description = t.Description,
        });
        var sources = (d.Sources ?? []).ToDictionary(s => s.Slug!, s => new Source
        {
            Slug = s.Slug!, Kind = Parse<SourceKind>(s.Kind), Title = s.Title!, Publisher = s.Publisher!, Via = s.Via,
            Language = s.Language!, Url = s.Url, IsPrimary = s.IsPrimary, Note = s.Note,
            Published = s.Published is null ? null : PartialDate.Parse(s.Published),
            Read = s.Read is null ? null : PartialDate.Parse(s.Read),
            Paragraphs = Paragraphs(s.Text),
        });
        var organizations = (d.Organizations ?? []).ToDictionary(o => o.Slug!, o => new Organization
        {
            Slug = o.Slug!, Name = o.Name!, NameZh = o.NameZh, ShortName = o.ShortName, Description = o.Description,
            Kind = Parse<OrganizationKind>(o.Kind),
            ExistedFrom = o.ExistedFrom is null ? null : PartialDate.Parse(o.ExistedFrom),
            ExistedTo = o.ExistedTo is null ? null : PartialDate.Parse(o.ExistedTo),
        });
        foreach (var o in d.Organizations ?? [])
        {
            organizations[o.Slug!].Parent = o.Parent is null ? null : organizations[o.Parent];
        }

        List<Citation> Cite(List<CitationDto>? citations) => (citations ?? []).Select(c => ToCitation(c, sources[c.Source!])).ToList();

        Organization? Org(string? slug) => slug is null ? null : organizations[slug];

        var people = (d.People ?? []).ToDictionary(p => p.Slug!, p => new Person
        {
            Slug = p.Slug!, Name = p.Name!, NativeName = p.NativeName, Bio = p.Bio, Kind = Parse<PersonKind>(p.Kind),
            Citations = Cite(p.Citations),
        });
        var tenures = (d.Tenures ?? []).Select(t => new Tenure
        {
            Slug = t.Slug!, Person = people[t.Person!], Organization = organizations[t.Organization!], Role = t.Role,
            Start = t.Start is null ? null : PartialDate.Parse(t.Start),
            End = t.End is null ? null : PartialDate.Parse(t.End),
            CameFrom = Org(t.CameFrom), WentTo = Org(t.WentTo), Reason = t.Reason,
            Status = Parse<ClaimStatus>(t.Status), StatusNote = t.StatusNote, Citations = Cite(t.Citations),
        }).ToList();
        var events = (d.Events ?? []).ToDictionary(e => e.Slug!, e => new Event
        {
            Slug = e.Slug!, Date = PartialDate.Parse(e.Date!), TitleEn = e.TitleEn!, TitleZh = e.TitleZh!,
            SummaryEn = e.SummaryEn!, SummaryZh = e.SummaryZh!, Importance = e.Importance ?? 3,
            Status = Parse<ClaimStatus>(e.Status), StatusNote = e.StatusNote,
            Themes = e.Themes!.Select(t => themes[t!]).ToList(),
            People = (e.People ?? []).Select(p => new EventPerson { Person = people[p.Person!], Role = p.Role }).ToList(),
            Organizations = (e.Organizations ?? []).Select(o => new EventOrganization { Organization = organizations[o.Organization!], Role = o.Role }).ToList(),
            Citations = Cite(e.Citations),
        });
        var figures = (d.Figures ?? []).Select(f => new Figure
        {
            Slug = f.Slug!, Label = f.Label!, Value = f.Value!.Value, ValueHigh = f.ValueHigh,
            Unit = Parse<FigureUnit>(f.Unit), Scale = Parse<FigureScale>(f.Scale), Period = f.Period,
            AsOf = f.AsOf is null ? null : PartialDate.Parse(f.AsOf), Measures = f.Measures!, Metric = f.Metric,
            Organization = Org(f.Organization), Event = f.Event is null ? null : events[f.Event],
            Status = Parse<ClaimStatus>(f.Status), StatusNote = f.StatusNote, Note = f.Note, Citations = Cite(f.Citations),
        }).ToList();

        db.Themes.AddRange(themes.Values);
        db.Sources.AddRange(sources.Values);
        db.Organizations.AddRange(organizations.Values);
        db.People.AddRange(people.Values);
        db.Tenures.AddRange(tenures);
        db.Events.AddRange(events.Values);
        db.Figures.AddRange(figures);

        return new DatasetCounts(themes.Count, sources.Count, organizations.Count, people.Count, tenures.Count,
            events.Count, figures.Count,
            people.Values.Sum(p => p.Citations.Count) + tenures.Sum(t => t.Citations.Count) +
            events.Values.Sum(e => e.Citations.Count) + figures.Sum(f => f.Citations.Count));
    }

    /// <summary>A completed citation (<see cref="CitedSources.Complete(CitationDto)"/>) as the store keeps it.</summary>
    internal static Citation ToCitation(CitationDto c, Source source) => new()
    {
        Kind = Parse<CitationKind>(c.Kind), Source = source, Quote = c.Quote!, QuoteEn = c.QuoteEn,
        Locator = c.Locator is null ? null : QuoteLocator.Parse(c.Locator),
    };

    /// <summary>An archived text as the store keeps it: numbered paragraphs; none when the source has no text.</summary>
    internal static List<SourceParagraph> Paragraphs(List<string?>? text) =>
        (text ?? []).Select((p, i) => new SourceParagraph { Number = i + 1, Text = p! }).ToList();

    private static T Parse<T>(string? text) where T : struct, Enum =>
        text is null ? default : EnumText.TryParse<T>(text, out var value) ? value : throw new InvalidOperationException($"validated value '{text}' did not parse");
}

/// <summary>How many rows of each kind a dataset holds.</summary>
public sealed record DatasetCounts(int Themes, int Sources, int Organizations, int People, int Tenures, int Events, int Figures, int Citations)
{
    public static async Task<DatasetCounts> OfStoreAsync(TrackerDbContext db, CancellationToken cancellationToken = default) => new(
        await db.Themes.CountAsync(cancellationToken),
        await db.Sources.CountAsync(cancellationToken),
        await db.Organizations.CountAsync(cancellationToken),
        await db.People.CountAsync(cancellationToken),
        await db.Tenures.CountAsync(cancellationToken),
        await db.Events.CountAsync(cancellationToken),
        await db.Figures.CountAsync(cancellationToken),
        await db.Citations.CountAsync(cancellationToken));
}
