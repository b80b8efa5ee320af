using MetaAiTracker.Core.Domain;
using MetaAiTracker.Data.Dataset;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Data.Editing;

/// <summary>
/// The whole store loaded, tracked, into one context and indexed by slug: what an edit or an import validates
/// against and writes through. The dataset is small (a few hundred rows), so loading it all is cheaper than being
/// clever, and it lets every save be checked by the same <see cref="DatasetValidator"/> as an import.
/// </summary>
internal sealed class StoreIndex
{
    private StoreIndex(TrackerDbContext db) => Db = db;

    public TrackerDbContext Db { get; }
    public Dictionary<string, Theme> Themes { get; private set; } = [];
    public Dictionary<string, Source> Sources { get; private set; } = [];
    public Dictionary<string, Organization> Organizations { get; private set; } = [];
    public Dictionary<string, Person> People { get; private set; } = [];
    public Dictionary<string, Tenure> Tenures { get; private set; } = [];
    public Dictionary<string, Event> Events { get; private set; } = [];
    public Dictionary<string, Figure> Figures { get; private set; } = [];

    public static async Task<StoreIndex> LoadAsync(TrackerDbContext db, CancellationToken cancellationToken)
    {
        var index = new StoreIndex(db);
        index.Themes = await db.Themes.OrderBy(t => t.Id).ToDictionaryAsync(t => t.Slug, StringComparer.Ordinal, cancellationToken);
        index.Sources = await db.Sources.Include(s => s.Paragraphs).AsSplitQuery().OrderBy(s => s.Id)
            .ToDictionaryAsync(s => s.Slug, StringComparer.Ordinal, cancellationToken);
        index.Organizations = await db.Organizations.OrderBy(o => o.Id).ToDictionaryAsync(o => o.Slug, StringComparer.Ordinal, cancellationToken);
        index.People = await db.People.Include(p => p.Citations).AsSplitQuery().OrderBy(p => p.Id)
            .ToDictionaryAsync(p => p.Slug, StringComparer.Ordinal, cancellationToken);
        index.Tenures = await db.Tenures.Include(t => t.Citations).AsSplitQuery().OrderBy(t => t.Id)
            .ToDictionaryAsync(t => t.Slug, StringComparer.Ordinal, cancellationToken);
        index.Events = await db.Events.Include(e => e.Themes).Include(e => e.People).Include(e => e.Organizations).Include(e => e.Citations)
            .AsSplitQuery().OrderBy(e => e.Id).ToDictionaryAsync(e => e.Slug, StringComparer.Ordinal, cancellationToken);
        index.Figures = await db.Figures.Include(f => f.Citations).AsSplitQuery().OrderBy(f => f.Id)
            .ToDictionaryAsync(f => f.Slug, StringComparer.Ordinal, cancellationToken);
        return index;
    }

    /// <summary>The store as a dataset document, entities in id order (as the exporter writes it).</summary>
    public DatasetDocument ToDocument() => new()
    {
        SchemaVersion = DatasetReader.SupportedSchemaVersion,
        Name = "store",
        Themes = Themes.Values.OrderBy(t => t.Id).Select(DtoMapper.ToDto).ToList(),
        Sources = Sources.Values.OrderBy(s => s.Id).Select(DtoMapper.ToDto).ToList(),
        Organizations = Organizations.Values.OrderBy(o => o.Id).Select(DtoMapper.ToDto).ToList(),
        People = People.Values.OrderBy(p => p.Id).Select(DtoMapper.ToDto).ToList(),
        Tenures = Tenures.Values.OrderBy(t => t.Id).Select(DtoMapper.ToDto).ToList(),
        Events = Events.Values.OrderBy(e => e.Id).Select(DtoMapper.ToDto).ToList(),
        Figures = Figures.Values.OrderBy(f => f.Id).Select(DtoMapper.ToDto).ToList(),
    };

    // ---- create: a new entity with its required fields, added to the context and the index; Apply fills in the rest ----

    public Theme Create(ThemeDto d) => Add(Themes, Db.Themes, new Theme { Slug = d.Slug!, NameEn = d.NameEn!, NameZh = d.NameZh!, Color = d.Color! });

    public Source Create(SourceDto d) => Add(Sources, Db.Sources, new Source { Slug = d.Slug!, Title = d.Title!, Publisher = d.Publisher!, Language = d.Language! });

    public Organization Create(OrganizationDto d) => Add(Organizations, Db.Organizations, new Organization { Slug = d.Slug!, Name = d.Name! });

    public Person Create(PersonDto d) => Add(People, Db.People, new Person { Slug = d.Slug!, Name = d.Name!, Version = 1 });

    public Tenure Create(TenureDto d) => Add(Tenures, Db.Tenures, new Tenure
    {
        Slug = d.Slug!, Person = People[d.Person!], Organization = Organizations[d.Organization!],
    });

    public Event Create(EventDto d) => Add(Events, Db.Events, new Event
    {
        Slug = d.Slug!, TitleEn = d.TitleEn!, TitleZh = d.TitleZh!, SummaryEn = d.SummaryEn!, SummaryZh = d.SummaryZh!, Version = 1,
    });

    public Figure Create(FigureDto d) => Add(Figures, Db.Figures, new Figure { Slug = d.Slug!, Label = d.Label!, Measures = d.Measures!, Version = 1 });

    private static T Add<T>(Dictionary<string, T> index, DbSet<T> set, T entity) where T : class
    {
        set.Add(entity);
        index[(string)set.Entry(entity).Property("Slug").CurrentValue!] = entity;
        return entity;
    }

    // ---- apply: make a tracked entity say what a valid, normalised DTO says; references resolve through the index ----

    public void Apply(ThemeDto d, Theme t)
    {
        t.NameEn = d.NameEn!;
        t.NameZh = d.NameZh!;
        t.Color = d.Color!;
        t.Description = d.Description;
    }

    public void Apply(SourceDto d, Source s)
    {
        s.Kind = DtoMapper.Parse<SourceKind>(d.Kind);
        s.Title = d.Title!;
        s.Publisher = d.Publisher!;
        s.Via = d.Via;
        s.Published = d.Published is null ? null : PartialDate.Parse(d.Published);
        s.Language = d.Language!;
        s.Url = d.Url;
        s.Read = d.Read is null ? null : PartialDate.Parse(d.Read);
        s.IsPrimary = d.IsPrimary;
        s.Note = d.Note;

        // Paragraph n keeps its row (the key is source and number): change its text, then add or remove the difference.
        var wanted = DatasetLoader.Paragraphs(d.Text);
        var current = s.Paragraphs.OrderBy(p => p.Number).ToList();
        for (var i = 0; i < Math.Min(wanted.Count, current.Count); i++)
        {
            current[i].Text = wanted[i].Text;
        }

        foreach (var extra in current.Skip(wanted.Count))
        {
            s.Paragraphs.Remove(extra);
            Db.SourceParagraphs.Remove(extra);
        }

        s.Paragraphs.AddRange(wanted.Skip(current.Count));
    }

    /// <summary>Everything but the parent, which may be an organisation not created yet: see <see cref="ApplyParent"/>.</summary>
    public void Apply(OrganizationDto d, Organization o)
    {
        o.Name = d.Name!;
        o.NameZh = d.NameZh;
        o.ShortName = d.ShortName;
        o.Kind = DtoMapper.Parse<OrganizationKind>(d.Kind);
        o.Description = d.Description;
        o.ExistedFrom = d.ExistedFrom is null ? null : PartialDate.Parse(d.ExistedFrom);
        o.ExistedTo = d.ExistedTo is null ? null : PartialDate.Parse(d.ExistedTo);
    }

    public void ApplyParent(OrganizationDto d, Organization o) => o.Parent = d.Parent is null ? null : Organizations[d.Parent];

    public void Apply(PersonDto d, Person p)
    {
        p.Name = d.Name!;
        p.NativeName = d.NativeName;
        p.Bio = d.Bio;
        p.Kind = DtoMapper.Parse<PersonKind>(d.Kind);
        ReplaceCitations(p.Citations, d.Citations);
    }

    public void Apply(TenureDto d, Tenure t)
    {
        t.Person = People[d.Person!];
        t.Organization = Organizations[d.Organization!];
        t.Role = d.Role;
        t.Start = d.Start is null ? null : PartialDate.Parse(d.Start);
        t.End = d.End is null ? null : PartialDate.Parse(d.End);
        t.CameFrom = d.CameFrom is null ? null : Organizations[d.CameFrom];
        t.WentTo = d.WentTo is null ? null : Organizations[d.WentTo];
        t.Reason = d.Reason;
        t.Status = DtoMapper.Parse<ClaimStatus>(d.Status);
        t.StatusNote = d.StatusNote;
        ReplaceCitations(t.Citations, d.Citations);
    }

    public void Apply(EventDto d, Event e)
    {
        e.Date = PartialDate.Parse(d.Date!);
        e.TitleEn = d.TitleEn!;
        e.TitleZh = d.TitleZh!;
        e.SummaryEn = d.SummaryEn!;
        e.SummaryZh = d.SummaryZh!;
        e.Importance = d.Importance ?? 3;
        e.Status = DtoMapper.Parse<ClaimStatus>(d.Status);
        e.StatusNote = d.StatusNote;

        // Themes, people and organisations are sets keyed by the pair: change what differs, never remove and re-add
        // the same pair (the context would then track two rows with one key).
        var themes = (d.Themes ?? []).Select(slug => Themes[slug!]).ToList();
        e.Themes.RemoveAll(t => !themes.Contains(t));
        e.Themes.AddRange(themes.Where(t => !e.Themes.Contains(t)));

        var people = (d.People ?? []).ToDictionary(p => p.Person!, p => p.Role, StringComparer.Ordinal);
        foreach (var link in e.People.ToList())
        {
            if (people.Remove(link.Person.Slug, out var role))
            {
                link.Role = role;
            }
            else
            {
                e.People.Remove(link);
                Db.EventPeople.Remove(link);
            }
        }

        foreach (var (slug, role) in people)
        {
            e.People.Add(new EventPerson { Event = e, Person = People[slug], Role = role });
        }

        var organizations = (d.Organizations ?? []).ToDictionary(o => o.Organization!, o => o.Role, StringComparer.Ordinal);
        foreach (var link in e.Organizations.ToList())
        {
            if (organizations.Remove(link.Organization.Slug, out var role))
            {
                link.Role = role;
            }
            else
            {
                e.Organizations.Remove(link);
                Db.EventOrganizations.Remove(link);
            }
        }

        foreach (var (slug, role) in organizations)
        {
            e.Organizations.Add(new EventOrganization { Event = e, Organization = Organizations[slug], Role = role });
        }

        ReplaceCitations(e.Citations, d.Citations);
    }

    public void Apply(FigureDto d, Figure f)
    {
        f.Label = d.Label!;
        f.Value = d.Value!.Value;
        f.ValueHigh = d.ValueHigh;
        f.Unit = DtoMapper.Parse<FigureUnit>(d.Unit);
        f.Scale = DtoMapper.Parse<FigureScale>(d.Scale);
        f.Period = d.Period;
        f.AsOf = d.AsOf is null ? null : PartialDate.Parse(d.AsOf);
        f.Measures = d.Measures!;
        f.Metric = d.Metric;
        f.Organization = d.Organization is null ? null : Organizations[d.Organization];
        f.Event = d.Event is null ? null : Events[d.Event];
        f.Status = DtoMapper.Parse<ClaimStatus>(d.Status);
        f.StatusNote = d.StatusNote;
        f.Note = d.Note;
        ReplaceCitations(f.Citations, d.Citations);
    }

    /// <summary>Leaves the citations alone when they already say the same; otherwise replaces them all, in order.</summary>
    private void ReplaceCitations(List<Citation> current, List<CitationDto>? wanted)
    {
        if (DtoMapper.SameCitations(current, wanted))
        {
            return;
        }

        foreach (var citation in current)
        {
            Db.Citations.Remove(citation);
        }

        current.Clear();
        current.AddRange((wanted ?? []).Select(c => DatasetLoader.ToCitation(c, Sources[c.Source!])));
    }

    // ---- delete: callers have checked (by validating the document without the entity) that nothing refers to it ----

    public void Remove(Theme t) => Db.Themes.Remove(Drop(Themes, t.Slug, t));

    public void Remove(Source s) => Db.Sources.Remove(Drop(Sources, s.Slug, s));

    public void Remove(Organization o) => Db.Organizations.Remove(Drop(Organizations, o.Slug, o));

    public void Remove(Person p) => Db.People.Remove(Drop(People, p.Slug, p));

    public void Remove(Tenure t) => Db.Tenures.Remove(Drop(Tenures, t.Slug, t));

    public void Remove(Event e) => Db.Events.Remove(Drop(Events, e.Slug, e));

    public void Remove(Figure f) => Db.Figures.Remove(Drop(Figures, f.Slug, f));

    private static T Drop<T>(Dictionary<string, T> index, string slug, T entity)
    {
        index.Remove(slug);
        return entity;
    }
}
