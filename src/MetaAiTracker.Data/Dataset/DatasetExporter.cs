using MetaAiTracker.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Data.Dataset;

/// <summary>Reads the whole store back into the dataset format, so that export → import round-trips.</summary>
public static class DatasetExporter
{
    public static async Task<DatasetDocument> ExportAsync(TrackerDbContext db, string name = "meta-ai-2025", CancellationToken cancellationToken = default)
    {
        var themes = await db.Themes.AsNoTracking().OrderBy(t => t.Id).ToListAsync(cancellationToken);
        var sources = await db.Sources.AsNoTracking().Include(s => s.Paragraphs).AsSplitQuery().OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var organizations = await db.Organizations.AsNoTracking().Include(o => o.Parent).OrderBy(o => o.Id).ToListAsync(cancellationToken);
        var citations = await db.Citations.AsNoTracking().Include(c => c.Source).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var people = await db.People.AsNoTracking().OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var tenures = await db.Tenures.AsNoTracking()
            .Include(t => t.Person).Include(t => t.Organization).Include(t => t.CameFrom).Include(t => t.WentTo)
            .OrderBy(t => t.Id).ToListAsync(cancellationToken);
        var events = await db.Events.AsNoTracking()
            .Include(e => e.Themes).Include(e => e.People).ThenInclude(p => p.Person)
            .Include(e => e.Organizations).ThenInclude(o => o.Organization)
            .AsSplitQuery().OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var figures = await db.Figures.AsNoTracking().Include(f => f.Organization).Include(f => f.Event)
            .OrderBy(f => f.Id).ToListAsync(cancellationToken);

        List<CitationDto> Cite(Func<Citation, bool> owner) => citations.Where(owner).Select(c => Editing.DtoMapper.ToDto(c, c.Source.Slug)).ToList();

        return new DatasetDocument
        {
            SchemaVersion = DatasetReader.SupportedSchemaVersion,
            Name = name,
            Description = "Events, people and figures of Meta's 2025 AI turmoil, each cited to its source.",
            Themes = themes.Select(t => new ThemeDto { Slug = t.Slug, NameEn = t.NameEn, NameZh = t.NameZh, Color = t.Color, Description = t.Description }).ToList(),
            Sources = sources.Select(Editing.DtoMapper.ToDto).ToList(),
            Organizations = organizations.Select(Editing.DtoMapper.ToDto).ToList(),
            People = people.Select(p => new PersonDto
            {
                Slug = p.Slug, Name = p.Name, NativeName = p.NativeName, Bio = p.Bio, Kind = EnumText.ToText(p.Kind),
                Citations = Cite(c => c.PersonId == p.Id),
            }).ToList(),
            Tenures = tenures.Select(t => new TenureDto
            {
                Slug = t.Slug, Person = t.Person.Slug, Organization = t.Organization.Slug, Role = t.Role,
                Start = t.Start?.ToString(), End = t.End?.ToString(), CameFrom = t.CameFrom?.Slug, WentTo = t.WentTo?.Slug,
                Reason = t.Reason, Status = EnumText.ToText(t.Status), StatusNote = t.StatusNote,
                Citations = Cite(c => c.TenureId == t.Id),
            }).ToList(),
            Events = events.Select(e => new EventDto
            {
                Slug = e.Slug, Date = e.Date.ToString(), TitleEn = e.TitleEn, TitleZh = e.TitleZh,
                SummaryEn = e.SummaryEn, SummaryZh = e.SummaryZh,
                Themes = e.Themes.OrderBy(t => t.Id).Select(t => (string?)t.Slug).ToList(),
                People = e.People.OrderBy(p => p.PersonId).Select(p => new EventPersonDto { Person = p.Person.Slug, Role = p.Role }).ToList(),
                Organizations = e.Organizations.OrderBy(o => o.OrganizationId).Select(o => new EventOrganizationDto { Organization = o.Organization.Slug, Role = o.Role }).ToList(),
                Importance = e.Importance, Status = EnumText.ToText(e.Status), StatusNote = e.StatusNote,
                Citations = Cite(c => c.EventId == e.Id),
            }).ToList(),
            Figures = figures.Select(f => new FigureDto
            {
                Slug = f.Slug, Label = f.Label, Value = WithoutTrailingZeros(f.Value), ValueHigh = f.ValueHigh is { } high ? WithoutTrailingZeros(high) : null, Unit = EnumText.ToText(f.Unit),
                Scale = EnumText.ToText(f.Scale), Period = f.Period, AsOf = f.AsOf?.ToString(), Measures = f.Measures,
                Metric = f.Metric, Organization = f.Organization?.Slug, Event = f.Event?.Slug,
                Status = EnumText.ToText(f.Status), StatusNote = f.StatusNote, Note = f.Note,
                Citations = Cite(c => c.FigureId == f.Id),
            }).ToList(),
        };
    }

    /// <summary>
    /// SQLite keeps a decimal as text with at least one decimal place ("49.0"), which reads back as 49.0m and would be
    /// written as 49.0; dividing by 1 written at the largest scale (28 places) drops the trailing zeros (49, 14.3) without changing the value.
    /// </summary>
    internal static decimal WithoutTrailingZeros(decimal value) => value / 1.0000000000000000000000000000m;
}
