using MetaAiTracker.Core.Domain;
using MetaAiTracker.Data.Dataset;

namespace MetaAiTracker.Data.Editing;

/// <summary>What the editor and the importer need to know about one kind of entity, by its dataset-format name.</summary>
internal abstract class EntityKind
{
    /// <summary>The name in the change history: "event", "person", …</summary>
    public required string Name { get; init; }

    /// <summary>The document's array: "events", "people", …</summary>
    public required string Collection { get; init; }

    public static readonly EntityKind<ThemeDto, Theme> Theme = new()
    {
        Name = "theme", Collection = "themes", List = d => d.Themes, WithList = (d, l) => d with { Themes = l },
        SlugOf = d => d.Slug, In = i => i.Themes, ToDto = DtoMapper.ToDto, Normalize = DtoMapper.Normalize,
        Create = (i, d) => i.Create(d), Apply = (i, d, e) => i.Apply(d, e), Remove = (i, e) => i.Remove(e),
    };

    public static readonly EntityKind<SourceDto, Source> Source = new()
    {
        Name = "source", Collection = "sources", List = d => d.Sources, WithList = (d, l) => d with { Sources = l },
        SlugOf = d => d.Slug, In = i => i.Sources, ToDto = DtoMapper.ToDto, Normalize = DtoMapper.Normalize,
        Create = (i, d) => i.Create(d), Apply = (i, d, e) => i.Apply(d, e), Remove = (i, e) => i.Remove(e),
    };

    public static readonly EntityKind<OrganizationDto, Organization> Organization = new()
    {
        Name = "organization", Collection = "organizations", List = d => d.Organizations, WithList = (d, l) => d with { Organizations = l },
        SlugOf = d => d.Slug, In = i => i.Organizations, ToDto = DtoMapper.ToDto, Normalize = DtoMapper.Normalize,
        Create = (i, d) => i.Create(d),
        Apply = (i, d, e) =>
        {
            i.Apply(d, e);
            i.ApplyParent(d, e);
        },
        Remove = (i, e) => i.Remove(e),
    };

    public static readonly EntityKind<PersonDto, Person> Person = new()
    {
        Complete = (cited, d) => d with { Citations = cited.Complete(d.Citations) },
        Name = "person", Collection = "people", List = d => d.People, WithList = (d, l) => d with { People = l },
        SlugOf = d => d.Slug, In = i => i.People, ToDto = DtoMapper.ToDto, Normalize = DtoMapper.Normalize,
        Create = (i, d) => i.Create(d), Apply = (i, d, e) => i.Apply(d, e), Remove = (i, e) => i.Remove(e),
    };

    public static readonly EntityKind<TenureDto, Tenure> Tenure = new()
    {
        Complete = (cited, d) => d with { Citations = cited.Complete(d.Citations) },
        Name = "tenure", Collection = "tenures", List = d => d.Tenures, WithList = (d, l) => d with { Tenures = l },
        SlugOf = d => d.Slug, In = i => i.Tenures, ToDto = DtoMapper.ToDto, Normalize = DtoMapper.Normalize,
        Create = (i, d) => i.Create(d), Apply = (i, d, e) => i.Apply(d, e), Remove = (i, e) => i.Remove(e),
    };

    public static readonly EntityKind<EventDto, Event> Event = new()
    {
        Complete = (cited, d) => d with { Citations = cited.Complete(d.Citations) },
        Name = "event", Collection = "events", List = d => d.Events, WithList = (d, l) => d with { Events = l },
        SlugOf = d => d.Slug, In = i => i.Events, ToDto = DtoMapper.ToDto, Normalize = DtoMapper.Normalize,
        Comparable = DtoMapper.Comparable,
        Create = (i, d) => i.Create(d), Apply = (i, d, e) => i.Apply(d, e), Remove = (i, e) => i.Remove(e),
    };

    public static readonly EntityKind<FigureDto, Figure> Figure = new()
    {
        Complete = (cited, d) => d with { Citations = cited.Complete(d.Citations) },
        Name = "figure", Collection = "figures", List = d => d.Figures, WithList = (d, l) => d with { Figures = l },
        SlugOf = d => d.Slug, In = i => i.Figures, ToDto = DtoMapper.ToDto, Normalize = DtoMapper.Normalize,
        Create = (i, d) => i.Create(d), Apply = (i, d, e) => i.Apply(d, e), Remove = (i, e) => i.Remove(e),
    };

    /// <summary>In dependency order: an entity refers only to kinds before it (and organisations to each other).</summary>
    public static IReadOnlyList<EntityKind> All { get; } = [Theme, Source, Organization, Person, Tenure, Event, Figure];

    public static EntityKind? Named(string name) => All.FirstOrDefault(k => k.Name == name);

    /// <summary>"$.figures[2].event" → "figure 'scale-ai-investment'", to say what still refers to something.</summary>
    public static string Describe(DatasetDocument document, string path)
    {
        foreach (var kind in All)
        {
            var prefix = "$." + kind.Collection + "[";
            if (path.StartsWith(prefix, StringComparison.Ordinal) && path.IndexOf(']', prefix.Length) is var end and > 0
                && int.TryParse(path.AsSpan(prefix.Length, end - prefix.Length), out var index) && kind.SlugAt(document, index) is { } slug)
            {
                return $"{kind.Name} '{slug}'";
            }
        }

        return path;
    }

    /// <summary>"$.events[3].citations[0].quote" → "event 'ruben-mayer-leaves-msl', citations[0].quote": the entity and its field.</summary>
    public static string DescribeField(DatasetDocument document, string path)
    {
        var entity = Describe(document, path);
        if (entity == path)
        {
            return path;
        }

        var end = path.IndexOf(']', StringComparison.Ordinal);
        return end + 2 < path.Length ? $"{entity}, {path[(end + 2)..]}" : entity;
    }

    public abstract string? SlugAt(DatasetDocument document, int index);

    /// <summary>The entity as dataset-format JSON, or null when the store has no entity with this slug.</summary>
    public abstract string? JsonOf(StoreIndex index, string slug);
}

internal sealed class EntityKind<TDto, TEntity> : EntityKind where TDto : class where TEntity : class
{
    public required Func<DatasetDocument, List<TDto>?> List { get; init; }
    public required Func<DatasetDocument, List<TDto>, DatasetDocument> WithList { get; init; }
    public required Func<TDto, string?> SlugOf { get; init; }
    public required Func<StoreIndex, Dictionary<string, TEntity>> In { get; init; }
    public required Func<TEntity, TDto> ToDto { get; init; }
    public required Func<TDto, TDto> Normalize { get; init; }

    /// <summary>The form in which two DTOs that describe the same stored entity have the same JSON.</summary>
    public Func<TDto, TDto>? Comparable { get; init; }

    public required Func<StoreIndex, TDto, TEntity> Create { get; init; }
    public required Action<StoreIndex, TDto, TEntity> Apply { get; init; }
    public required Action<StoreIndex, TEntity> Remove { get; init; }

    /// <summary>A valid DTO with its citations completed (<see cref="CitedSources.Complete(CitationDto)"/>); itself for kinds without citations.</summary>
    public Func<CitedSources, TDto, TDto> Complete { get; init; } = (_, d) => d;

    public string ComparableJson(TDto dto) => EntityJson.Write((Comparable ?? Normalize)(dto));

    public override string? SlugAt(DatasetDocument document, int index) =>
        List(document) is { } list && index < list.Count && list[index] is { } item ? SlugOf(item) : null;

    public override string? JsonOf(StoreIndex index, string slug) => In(index).TryGetValue(slug, out var e) ? EntityJson.Write(ToDto(e)) : null;
}
