using System.Globalization;
using MetaAiTracker.Core.Domain;
using MetaAiTracker.Data.Dataset;

namespace MetaAiTracker.Web.Editing;

// Mutable form models for the editor pages. They convert to and from the dataset-format DTOs, which is what the
// editor service validates, saves and records; a blank optional field becomes null.

public sealed class CitationForm
{
    public CitationKind Kind { get; set; } = CitationKind.Quote;
    public string? Source { get; set; }

    /// <summary>A quote's words, picked from the text (never typed); a report's sentence, typed.</summary>
    public string? Quote { get; set; }

    public string? QuoteEn { get; set; }

    /// <summary>Where the picked words stand ("¶5:23-51"); a report has none.</summary>
    public string? Locator { get; set; }

    /// <summary>What the editor is looking for in the source's text (not saved).</summary>
    public string? Search { get; set; }

    /// <summary>The places the search found (not saved); null before a search.</summary>
    public IReadOnlyList<PassageMatch>? Found { get; set; }

    public static CitationForm From(CitationDto c) => new()
    {
        Kind = EnumText.TryParse<CitationKind>(c.Kind, out var kind) ? kind : CitationKind.Quote,
        Source = c.Source, Quote = c.Quote, QuoteEn = c.QuoteEn, Locator = c.Locator,
    };

    // A quote is verbatim: it is kept exactly as picked, only a blank one becomes null (and is then reported as required).
    // A report carries no rendering and no locator: it is the editor's own English sentence.
    public CitationDto ToDto() => new()
    {
        Kind = EnumText.ToText(Kind), Source = Form.Text(Source),
        Quote = Kind == CitationKind.Quote ? (string.IsNullOrEmpty(Quote) ? null : Quote) : Form.Text(Quote),
        QuoteEn = Kind == CitationKind.Quote ? Form.Text(QuoteEn) : null,
        Locator = Kind == CitationKind.Quote ? Form.Text(Locator) : null,
    };

    public static List<CitationForm> From(IEnumerable<CitationDto>? citations) => (citations ?? []).Select(From).ToList();
}

/// <summary>A person or organisation involved in an event, with its role.</summary>
public sealed class LinkForm
{
    public string? Slug { get; set; }
    public string? Role { get; set; }
}

public sealed class EventForm
{
    public string? Slug { get; set; }
    public string? Date { get; set; }
    public string? TitleEn { get; set; }
    public string? TitleZh { get; set; }
    public string? SummaryEn { get; set; }
    public string? SummaryZh { get; set; }
    public HashSet<string> Themes { get; set; } = [];
    public List<LinkForm> People { get; set; } = [];
    public List<LinkForm> Organizations { get; set; } = [];
    public int Importance { get; set; } = 3;
    public ClaimStatus Status { get; set; } = ClaimStatus.Reported;
    public string? StatusNote { get; set; }
    public List<CitationForm> Citations { get; set; } = [new() { Kind = CitationKind.Report }];

    public static EventForm From(EventDto e) => new()
    {
        Slug = e.Slug, Date = e.Date, TitleEn = e.TitleEn, TitleZh = e.TitleZh, SummaryEn = e.SummaryEn, SummaryZh = e.SummaryZh,
        Themes = (e.Themes ?? []).OfType<string>().ToHashSet(StringComparer.Ordinal),
        People = (e.People ?? []).Select(p => new LinkForm { Slug = p.Person, Role = p.Role }).ToList(),
        Organizations = (e.Organizations ?? []).Select(o => new LinkForm { Slug = o.Organization, Role = o.Role }).ToList(),
        Importance = e.Importance ?? 3, Status = Form.Status(e.Status), StatusNote = e.StatusNote, Citations = CitationForm.From(e.Citations),
    };

    public EventDto ToDto(IReadOnlyList<string> themeOrder) => new()
    {
        Slug = Form.Text(Slug), Date = Form.Text(Date), TitleEn = Form.Text(TitleEn), TitleZh = Form.Text(TitleZh),
        SummaryEn = Form.Text(SummaryEn), SummaryZh = Form.Text(SummaryZh),
        Themes = themeOrder.Where(Themes.Contains).Select(t => (string?)t).ToList(),
        People = People.Select(p => new EventPersonDto { Person = Form.Text(p.Slug), Role = Form.Text(p.Role) }).ToList(),
        Organizations = Organizations.Select(o => new EventOrganizationDto { Organization = Form.Text(o.Slug), Role = Form.Text(o.Role) }).ToList(),
        Importance = Importance, Status = EnumText.ToText(Status), StatusNote = Form.Text(StatusNote),
        Citations = Citations.Select(c => c.ToDto()).ToList(),
    };
}

public sealed class PersonForm
{
    public string? Slug { get; set; }
    public string? Name { get; set; }
    public string? NativeName { get; set; }
    public string? Bio { get; set; }
    public PersonKind Kind { get; set; }
    public List<CitationForm> Citations { get; set; } = [new() { Kind = CitationKind.Report }];

    public static PersonForm From(PersonDto p) => new()
    {
        Slug = p.Slug, Name = p.Name, NativeName = p.NativeName, Bio = p.Bio,
        Kind = EnumText.TryParse<PersonKind>(p.Kind, out var kind) ? kind : PersonKind.Staff, Citations = CitationForm.From(p.Citations),
    };

    public PersonDto ToDto() => new()
    {
        Slug = Form.Text(Slug), Name = Form.Text(Name), NativeName = Form.Text(NativeName), Bio = Form.Text(Bio),
        Kind = EnumText.ToText(Kind), Citations = Citations.Select(c => c.ToDto()).ToList(),
    };
}

public sealed class FigureForm
{
    public string? Slug { get; set; }
    public string? Label { get; set; }
    public decimal? Value { get; set; }
    public decimal? ValueHigh { get; set; }
    public FigureUnit Unit { get; set; }
    public FigureScale Scale { get; set; }
    public string? Period { get; set; }
    public string? AsOf { get; set; }
    public string? Measures { get; set; }
    public string? Metric { get; set; }
    public string? Organization { get; set; }
    public string? Event { get; set; }
    public ClaimStatus Status { get; set; }
    public string? StatusNote { get; set; }
    public string? Note { get; set; }
    public List<CitationForm> Citations { get; set; } = [new() { Kind = CitationKind.Report }];

    public static FigureForm From(FigureDto f) => new()
    {
        Slug = f.Slug, Label = f.Label, Value = f.Value, ValueHigh = f.ValueHigh,
        Unit = EnumText.TryParse<FigureUnit>(f.Unit, out var unit) ? unit : FigureUnit.Count,
        Scale = EnumText.TryParse<FigureScale>(f.Scale, out var scale) ? scale : FigureScale.None,
        Period = f.Period, AsOf = f.AsOf, Measures = f.Measures, Metric = f.Metric, Organization = f.Organization, Event = f.Event,
        Status = Form.Status(f.Status), StatusNote = f.StatusNote, Note = f.Note, Citations = CitationForm.From(f.Citations),
    };

    public FigureDto ToDto() => new()
    {
        Slug = Form.Text(Slug), Label = Form.Text(Label), Value = Value, ValueHigh = ValueHigh, Unit = EnumText.ToText(Unit),
        Scale = EnumText.ToText(Scale), Period = Form.Text(Period), AsOf = Form.Text(AsOf), Measures = Form.Text(Measures),
        Metric = Form.Text(Metric), Organization = Form.Text(Organization), Event = Form.Text(Event), Status = EnumText.ToText(Status),
        StatusNote = Form.Text(StatusNote), Note = Form.Text(Note), Citations = Citations.Select(c => c.ToDto()).ToList(),
    };
}

public sealed class TenureForm
{
    public string? Slug { get; set; }
    public string? Person { get; set; }
    public string? Organization { get; set; }
    public string? Role { get; set; }
    public string? Start { get; set; }
    public string? End { get; set; }
    public string? CameFrom { get; set; }
    public string? WentTo { get; set; }
    public string? Reason { get; set; }
    public ClaimStatus Status { get; set; } = ClaimStatus.Reported;
    public string? StatusNote { get; set; }
    public List<CitationForm> Citations { get; set; } = [new() { Kind = CitationKind.Report }];

    public static TenureForm From(TenureDto t) => new()
    {
        Slug = t.Slug, Person = t.Person, Organization = t.Organization, Role = t.Role, Start = t.Start, End = t.End, CameFrom = t.CameFrom,
        WentTo = t.WentTo, Reason = t.Reason, Status = Form.Status(t.Status), StatusNote = t.StatusNote, Citations = CitationForm.From(t.Citations),
    };

    public TenureDto ToDto() => new()
    {
        Slug = Form.Text(Slug), Person = Form.Text(Person), Organization = Form.Text(Organization), Role = Form.Text(Role), Start = Form.Text(Start),
        End = Form.Text(End), CameFrom = Form.Text(CameFrom), WentTo = Form.Text(WentTo), Reason = Form.Text(Reason), Status = EnumText.ToText(Status),
        StatusNote = Form.Text(StatusNote), Citations = Citations.Select(c => c.ToDto()).ToList(),
    };
}

public sealed class OrganizationForm
{
    public string? Slug { get; set; }
    public string? Name { get; set; }
    public string? NameZh { get; set; }
    public string? ShortName { get; set; }
    public string? Parent { get; set; }
    public OrganizationKind Kind { get; set; }
    public string? Description { get; set; }
    public string? ExistedFrom { get; set; }
    public string? ExistedTo { get; set; }

    public static OrganizationForm From(OrganizationDto o) => new()
    {
        Slug = o.Slug, Name = o.Name, NameZh = o.NameZh, ShortName = o.ShortName, Parent = o.Parent,
        Kind = EnumText.TryParse<OrganizationKind>(o.Kind, out var kind) ? kind : default, Description = o.Description,
        ExistedFrom = o.ExistedFrom, ExistedTo = o.ExistedTo,
    };

    public OrganizationDto ToDto() => new()
    {
        Slug = Form.Text(Slug), Name = Form.Text(Name), NameZh = Form.Text(NameZh), ShortName = Form.Text(ShortName), Parent = Form.Text(Parent),
        Kind = EnumText.ToText(Kind), Description = Form.Text(Description), ExistedFrom = Form.Text(ExistedFrom), ExistedTo = Form.Text(ExistedTo),
    };
}

public sealed class SourceForm
{
    public string? Slug { get; set; }
    public SourceKind Kind { get; set; } = SourceKind.NewsReport;
    public string? Title { get; set; }
    public string? Publisher { get; set; }
    public string? Via { get; set; }
    public string? Published { get; set; }
    public string? Language { get; set; } = "en";
    public string? Url { get; set; }
    public string? Read { get; set; }
    public bool IsPrimary { get; set; }
    public string? Note { get; set; }

    /// <summary>The archived text, one paragraph per line; blank lines are dropped.</summary>
    public string? Text { get; set; }

    public static SourceForm From(SourceDto s) => new()
    {
        Slug = s.Slug, Kind = EnumText.TryParse<SourceKind>(s.Kind, out var kind) ? kind : SourceKind.NewsReport, Title = s.Title,
        Publisher = s.Publisher, Via = s.Via, Published = s.Published, Language = s.Language, Url = s.Url, Read = s.Read,
        IsPrimary = s.IsPrimary, Note = s.Note, Text = s.Text is null ? null : string.Join('\n', s.Text),
    };

    public SourceDto ToDto() => new()
    {
        Slug = Form.Text(Slug), Kind = EnumText.ToText(Kind), Title = Form.Text(Title), Publisher = Form.Text(Publisher), Via = Form.Text(Via),
        Published = Form.Text(Published), Language = Form.Text(Language), Url = Form.Text(Url), Read = Form.Text(Read), IsPrimary = IsPrimary,
        Note = Form.Text(Note), Text = Paragraphs(Text),
    };

    /// <summary>One paragraph per non-blank line, each kept exactly as written (quotes are checked against it character by character).</summary>
    public static List<string?>? Paragraphs(string? text)
    {
        var paragraphs = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => (string?)p).ToList();
        return paragraphs.Count == 0 ? null : paragraphs;
    }
}

internal static class Form
{
    public static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static ClaimStatus Status(string? text) => EnumText.TryParse<ClaimStatus>(text, out var status) ? status : ClaimStatus.Reported;

    /// <summary>The instant check of a partial-date field, the same one the validator makes on save.</summary>
    public static string? DateError(string? text, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return required ? "required (YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD)" : null;
        }

        return PartialDate.TryParse(text.Trim(), out _, out var error) ? null : error;
    }

    /// <summary>The precision a valid date text has, for the helper line under the field.</summary>
    public static string? Precision(string? text) =>
        PartialDate.TryParse(text?.Trim(), out var date)
            ? date.Precision switch
            {
                DatePrecision.Year => $"year precision: {date.Label}",
                DatePrecision.Quarter => $"quarter precision: {date.Label}",
                DatePrecision.Month => $"month precision: {date.Label}",
                _ => $"exact day: {date.Label}",
            }
            : null;

    public static string When(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);
}

/// <summary>
/// Field-level messages of a form, keyed by the path of the field relative to the entity ("titleEn",
/// "citations[0].quote"), as <c>DatasetEditor</c> reports them; problems with an empty path are about the whole entity.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _byPath = new(StringComparer.Ordinal);

    public IReadOnlyList<string> General => _byPath.TryGetValue(string.Empty, out var messages) ? messages : [];

    public int Count => _byPath.Values.Sum(v => v.Count);

    public void Clear() => _byPath.Clear();

    public void Set(IEnumerable<DatasetProblem> problems)
    {
        _byPath.Clear();
        foreach (var problem in problems)
        {
            Add(problem.Path, problem.Message);
        }
    }

    public void Add(string path, string message)
    {
        if (!_byPath.TryGetValue(path, out var messages))
        {
            _byPath[path] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>Replaces the messages of one field (an instant check as the editor types); null clears them.</summary>
    public void SetField(string path, string? message)
    {
        _byPath.Remove(path);
        if (message is not null)
        {
            Add(path, message);
        }
    }

    public string? this[string path] => _byPath.TryGetValue(path, out var messages) && messages.Count > 0 ? string.Join("; ", messages) : null;

    public bool Has(string path) => this[path] is not null;
}
