using MetaAiTracker.Core.Domain;
using MetaAiTracker.Data.Dataset;

namespace MetaAiTracker.Data.Editing;

/// <summary>
/// Entities to dataset-format DTOs (exactly as <see cref="DatasetExporter"/> writes them) and DTOs to their canonical
/// form, so that "is this entity changed?" is a comparison of two JSON texts.
/// </summary>
internal static class DtoMapper
{
    // ---- entity → DTO; navigations must be loaded (StoreIndex loads the whole store into one context) ----

    public static ThemeDto ToDto(Theme t) => new() { Slug = t.Slug, NameEn = t.NameEn, NameZh = t.NameZh, Color = t.Color, Description = t.Description };

    /// <summary>A source with its paragraphs loaded.</summary>
    public static SourceDto ToDto(Source s) => new()
    {
        Slug = s.Slug, Kind = EnumText.ToText(s.Kind), Title = s.Title, Publisher = s.Publisher, Via = s.Via,
        Published = s.Published?.ToString(), Language = s.Language, Url = s.Url, Read = s.Read?.ToString(), IsPrimary = s.IsPrimary,
        Note = s.Note, Text = s.Paragraphs.Count == 0 ? null : s.Paragraphs.OrderBy(p => p.Number).Select(p => (string?)p.Text).ToList(),
    };

    public static CitationDto ToDto(Citation c, string sourceSlug) => new()
    {
        Kind = EnumText.ToText(c.Kind), Source = sourceSlug, Quote = c.Quote, QuoteEn = c.QuoteEn, Locator = c.Locator?.ToString(),
    };

    public static OrganizationDto ToDto(Organization o) => new()
    {
        Slug = o.Slug, Name = o.Name, NameZh = o.NameZh, ShortName = o.ShortName, Parent = o.Parent?.Slug,
        Kind = EnumText.ToText(o.Kind), Description = o.Description,
        ExistedFrom = o.ExistedFrom?.ToString(), ExistedTo = o.ExistedTo?.ToString(),
    };

    public static PersonDto ToDto(Person p) => new()
    {
        Slug = p.Slug, Name = p.Name, NativeName = p.NativeName, Bio = p.Bio, Kind = EnumText.ToText(p.Kind),
        Citations = Cite(p.Citations),
    };

    public static TenureDto ToDto(Tenure t) => new()
    {
        Slug = t.Slug, Person = t.Person.Slug, Organization = t.Organization.Slug, Role = t.Role,
        Start = t.Start?.ToString(), End = t.End?.ToString(), CameFrom = t.CameFrom?.Slug, WentTo = t.WentTo?.Slug,
        Reason = t.Reason, Status = EnumText.ToText(t.Status), StatusNote = t.StatusNote,
        Citations = Cite(t.Citations),
    };

    public static EventDto ToDto(Event e) => new()
    {
        Slug = e.Slug, Date = e.Date.ToString(), TitleEn = e.TitleEn, TitleZh = e.TitleZh,
        SummaryEn = e.SummaryEn, SummaryZh = e.SummaryZh,
        Themes = e.Themes.OrderBy(t => t.Id).Select(t => (string?)t.Slug).ToList(),
        People = e.People.OrderBy(p => p.Person.Id).Select(p => new EventPersonDto { Person = p.Person.Slug, Role = p.Role }).ToList(),
        Organizations = e.Organizations.OrderBy(o => o.Organization.Id).Select(o => new EventOrganizationDto { Organization = o.Organization.Slug, Role = o.Role }).ToList(),
        Importance = e.Importance, Status = EnumText.ToText(e.Status), StatusNote = e.StatusNote,
        Citations = Cite(e.Citations),
    };

    public static FigureDto ToDto(Figure f) => new()
    {
        Slug = f.Slug, Label = f.Label, Value = DatasetExporter.WithoutTrailingZeros(f.Value),
        ValueHigh = f.ValueHigh is { } high ? DatasetExporter.WithoutTrailingZeros(high) : null, Unit = EnumText.ToText(f.Unit),
        Scale = EnumText.ToText(f.Scale), Period = f.Period, AsOf = f.AsOf?.ToString(), Measures = f.Measures,
        Metric = f.Metric, Organization = f.Organization?.Slug, Event = f.Event?.Slug,
        Status = EnumText.ToText(f.Status), StatusNote = f.StatusNote, Note = f.Note,
        Citations = Cite(f.Citations),
    };

    // Citations keep their order through their ids; new (unsaved) ones carry increasing temporary ids.
    private static List<CitationDto> Cite(IEnumerable<Citation> citations) => citations.OrderBy(c => c.Id)
        .Select(c => ToDto(c, c.Source.Slug))
        .ToList();

    // ---- canonical form of a valid DTO: what the store would give back after saving it ----

    public static ThemeDto Normalize(ThemeDto d) => d;

    public static SourceDto Normalize(SourceDto d) => d with
    {
        Kind = Enum<SourceKind>(d.Kind), Published = Date(d.Published), Read = Date(d.Read), Text = d.Text is { Count: > 0 } ? d.Text : null,
    };

    public static OrganizationDto Normalize(OrganizationDto d) => d with
    {
        Kind = Enum<OrganizationKind>(d.Kind), ExistedFrom = Date(d.ExistedFrom), ExistedTo = Date(d.ExistedTo),
    };

    public static PersonDto Normalize(PersonDto d) => d with { Kind = Enum<PersonKind>(d.Kind), Citations = Normalize(d.Citations) };

    public static TenureDto Normalize(TenureDto d) => d with
    {
        Start = Date(d.Start), End = Date(d.End), Status = Enum<ClaimStatus>(d.Status), Citations = Normalize(d.Citations),
    };

    public static EventDto Normalize(EventDto d) => d with
    {
        Date = Date(d.Date), Themes = d.Themes ?? [], People = d.People ?? [], Organizations = d.Organizations ?? [],
        Importance = d.Importance ?? 3, Status = Enum<ClaimStatus>(d.Status), Citations = Normalize(d.Citations),
    };

    public static FigureDto Normalize(FigureDto d) => d with
    {
        Value = d.Value is { } v ? DatasetExporter.WithoutTrailingZeros(v) : null,
        ValueHigh = d.ValueHigh is { } h ? DatasetExporter.WithoutTrailingZeros(h) : null,
        Unit = Enum<FigureUnit>(d.Unit), Scale = Enum<FigureScale>(d.Scale), AsOf = Date(d.AsOf),
        Status = Enum<ClaimStatus>(d.Status), Citations = Normalize(d.Citations),
    };

    private static List<CitationDto> Normalize(List<CitationDto>? citations) =>
        citations?.Select(c => c with { Kind = Enum<CitationKind>(c.Kind) }).ToList() ?? [];

    /// <summary>
    /// The canonical form with an event's themes, people and organisations sorted by slug: the store keeps them as
    /// sets, so two events that list the same ones in another order are the same event.
    /// </summary>
    public static EventDto Comparable(EventDto d)
    {
        var n = Normalize(d);
        return n with
        {
            Themes = n.Themes!.Order(StringComparer.Ordinal).ToList(),
            People = n.People!.OrderBy(p => p.Person, StringComparer.Ordinal).ToList(),
            Organizations = n.Organizations!.OrderBy(o => o.Organization, StringComparer.Ordinal).ToList(),
        };
    }

    public static bool SameCitations(IEnumerable<Citation> stored, List<CitationDto>? wanted) =>
        EntityJson.Write(new PersonDto { Citations = Cite(stored) }) == EntityJson.Write(new PersonDto { Citations = Normalize(wanted) });

    private static string? Date(string? text) => text is null ? null : PartialDate.TryParse(text, out var date) ? date.ToString() : text;

    private static string? Enum<T>(string? text) where T : struct, System.Enum =>
        text is null ? EnumText.ToText(default(T)) : EnumText.TryParse<T>(text, out var value) ? EnumText.ToText(value) : text;

    public static T Parse<T>(string? text) where T : struct, System.Enum =>
        text is null ? default : EnumText.TryParse<T>(text, out var value) ? value : throw new InvalidOperationException($"validated value '{text}' did not parse");
}
