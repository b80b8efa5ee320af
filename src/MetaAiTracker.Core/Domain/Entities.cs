namespace MetaAiTracker.Core.Domain;

/// <summary>A curated theme of the taxonomy (talent, data quality, …).</summary>
public sealed class Theme
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string NameEn { get; set; }
    public required string NameZh { get; set; }

    /// <summary>#RRGGBB, chosen to carry white text.</summary>
    public required string Color { get; set; }

    public string? Description { get; set; }
    public List<Event> Events { get; set; } = [];
}

/// <summary>
/// A publication that facts are cited from, described as an analyst would: what kind it is, whose reporting it is,
/// the page that was read (and when), and, where the project keeps it, the text itself.
/// </summary>
public sealed class Source
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public SourceKind Kind { get; set; }

    /// <summary>The title as the page shows it.</summary>
    public required string Title { get; set; }

    /// <summary>Whose reporting it is: "Reuters" for a Reuters story read on CNA's site.</summary>
    public required string Publisher { get; set; }

    /// <summary>The site whose page was read when it is a copy of the publisher's story ("CNA"); null for the publisher's own page.</summary>
    public string? Via { get; set; }

    public PartialDate? Published { get; set; }

    /// <summary>BCP 47 language tag: "zh-Hans" for the article, "en" for the English reporting.</summary>
    public required string Language { get; set; }

    /// <summary>The address of the page read. Every source a report cites has one.</summary>
    public string? Url { get; set; }

    /// <summary>When the page was read, as precisely as that was recorded; null when it was not.</summary>
    public PartialDate? Read { get; set; }

    /// <summary>How far the source can be relied on, and why this page was chosen.</summary>
    public string? Note { get; set; }

    /// <summary>True for the article the dataset is taken from.</summary>
    public bool IsPrimary { get; set; }

    /// <summary>The archived text, paragraph by paragraph; empty when the store does not keep the text. Quotes cite only archived text.</summary>
    public List<SourceParagraph> Paragraphs { get; set; } = [];

    public List<Citation> Citations { get; set; } = [];
}

/// <summary>One paragraph of a source's archived text.</summary>
public sealed class SourceParagraph
{
    public int SourceId { get; set; }

    /// <summary>From 1, in the order of the text.</summary>
    public int Number { get; set; }

    public required string Text { get; set; }
}

/// <summary>
/// Ties exactly one event, person, tenure or figure to a <see cref="Source"/>. A <see cref="CitationKind.Quote"/> holds the
/// exact words of the source's archived text, in its language, with an English rendering and the place
/// (<see cref="Locator"/>) the words stand; a <see cref="CitationKind.Report"/> holds the tracker's own sentence of what
/// the source reported, and no locator.
/// </summary>
public sealed class Citation
{
    public int Id { get; set; }
    public CitationKind Kind { get; set; }
    public int SourceId { get; set; }
    public Source Source { get; set; } = null!;

    /// <summary>The words quoted (a quote) or the tracker's sentence (a report).</summary>
    public required string Quote { get; set; }

    public string? QuoteEn { get; set; }

    /// <summary>Where a quote's words stand in the archived text; null for a report.</summary>
    public QuoteLocator? Locator { get; set; }

    public int? EventId { get; set; }
    public Event? Event { get; set; }
    public int? PersonId { get; set; }
    public Person? Person { get; set; }
    public int? TenureId { get; set; }
    public Tenure? Tenure { get; set; }
    public int? FigureId { get; set; }
    public Figure? Figure { get; set; }
}

public sealed class Organization
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string? NameZh { get; set; }
    public string? ShortName { get; set; }
    public OrganizationKind Kind { get; set; }
    public string? Description { get; set; }
    public int? ParentId { get; set; }
    public Organization? Parent { get; set; }

    /// <summary>When the organisation (or unit) came into being, as precisely as the sources say; null when they do not.</summary>
    public PartialDate? ExistedFrom { get; set; }

    /// <summary>When it was dissolved or merged away; null while (as far as the sources tell) it exists.</summary>
    public PartialDate? ExistedTo { get; set; }
    public List<Organization> Children { get; set; } = [];

    public string DisplayName => ShortName ?? Name;
}

public sealed class Person : IVersioned
{
    public int Id { get; set; }

    /// <inheritdoc />
    public int Version { get; set; }

    public required string Slug { get; set; }
    public required string Name { get; set; }

    /// <summary>Name in its native script, e.g. 庞若鸣.</summary>
    public string? NativeName { get; set; }

    public string? Bio { get; set; }
    public PersonKind Kind { get; set; }
    public List<Tenure> Tenures { get; set; } = [];
    public List<EventPerson> Events { get; set; } = [];
    public List<Citation> Citations { get; set; } = [];
}

/// <summary>A person's time in one organisation; attrition is computed from tenures.</summary>
public sealed class Tenure
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;
    public int OrganizationId { get; set; }
    public Organization Organization { get; set; } = null!;
    public string? Role { get; set; }

    /// <summary>When the person joined, at the precision the sources allow; null when unknown.</summary>
    public PartialDate? Start { get; set; }

    /// <summary>When the person left; null while (as far as the sources tell) they are still there.</summary>
    public PartialDate? End { get; set; }

    public int? CameFromId { get; set; }
    public Organization? CameFrom { get; set; }
    public int? WentToId { get; set; }
    public Organization? WentTo { get; set; }
    public string? Reason { get; set; }
    public ClaimStatus Status { get; set; }
    public string? StatusNote { get; set; }
    public List<Citation> Citations { get; set; } = [];
}

/// <summary>Something that happened, dated as precisely as the sources allow.</summary>
public sealed class Event : IVersioned
{
    private PartialDate _date;

    public int Id { get; set; }

    /// <inheritdoc />
    public int Version { get; set; }

    public required string Slug { get; set; }

    public PartialDate Date
    {
        get => _date;
        set
        {
            _date = value;
            DateStart = value.Start;
            DateEnd = value.End;
        }
    }

    /// <summary>First day <see cref="Date"/> can denote; stored so that range filters and sorting run in SQL.</summary>
    public DateOnly DateStart { get; private set; }

    /// <summary>Last day <see cref="Date"/> can denote.</summary>
    public DateOnly DateEnd { get; private set; }

    public required string TitleEn { get; set; }
    public required string TitleZh { get; set; }
    public required string SummaryEn { get; set; }
    public required string SummaryZh { get; set; }

    /// <summary>1 (minor) to 5 (major).</summary>
    public int Importance { get; set; } = 3;

    public ClaimStatus Status { get; set; }
    public string? StatusNote { get; set; }
    public List<Theme> Themes { get; set; } = [];
    public List<EventPerson> People { get; set; } = [];
    public List<EventOrganization> Organizations { get; set; } = [];
    public List<Citation> Citations { get; set; } = [];
    public List<Figure> Figures { get; set; } = [];
}

/// <summary>A person involved in an event, with their role in it.</summary>
public sealed class EventPerson
{
    public int EventId { get; set; }
    public Event Event { get; set; } = null!;
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;
    public string? Role { get; set; }
}

/// <summary>An organisation involved in an event, with its role in it.</summary>
public sealed class EventOrganization
{
    public int EventId { get; set; }
    public Event Event { get; set; } = null!;
    public int OrganizationId { get; set; }
    public Organization Organization { get; set; } = null!;
    public string? Role { get; set; }
}

/// <summary>A number a source states (or a reading of it), with what it measures and how far it holds.</summary>
public sealed class Figure : IVersioned
{
    public int Id { get; set; }

    /// <inheritdoc />
    public int Version { get; set; }

    public required string Slug { get; set; }
    public required string Label { get; set; }
    public decimal Value { get; set; }

    /// <summary>Upper bound when the figure is a range (US$66–72B).</summary>
    public decimal? ValueHigh { get; set; }

    public FigureUnit Unit { get; set; }
    public FigureScale Scale { get; set; }
    public string? Period { get; set; }
    public PartialDate? AsOf { get; set; }
    public required string Measures { get; set; }

    /// <summary>Key tying a reported figure to what the tracker computes (e.g. "attrition-rate").</summary>
    public string? Metric { get; set; }

    public int? OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public int? EventId { get; set; }
    public Event? Event { get; set; }
    public ClaimStatus Status { get; set; }
    public string? StatusNote { get; set; }
    public string? Note { get; set; }
    public List<Citation> Citations { get; set; } = [];
}
