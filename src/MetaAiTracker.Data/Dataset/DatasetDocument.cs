using System.Text.Json.Serialization;

namespace MetaAiTracker.Data.Dataset;

// The dataset format (docs/dataset-format.md) as plain DTOs. Every property is nullable so that the
// validator, not the JSON reader, reports what is missing, with its JSON path, all at once.

public sealed record DatasetDocument
{
    public int? SchemaVersion { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public List<ThemeDto>? Themes { get; init; }
    public List<SourceDto>? Sources { get; init; }
    public List<OrganizationDto>? Organizations { get; init; }
    public List<PersonDto>? People { get; init; }
    public List<TenureDto>? Tenures { get; init; }
    public List<EventDto>? Events { get; init; }
    public List<FigureDto>? Figures { get; init; }
}

public sealed record ThemeDto
{
    public string? Slug { get; init; }
    public string? NameEn { get; init; }
    public string? NameZh { get; init; }
    public string? Color { get; init; }
    public string? Description { get; init; }
}

public sealed record SourceDto
{
    public string? Slug { get; init; }

    /// <summary>article, news-report, wire-copy, syndicated-copy, summary, company-release, social-post, research-report (version 2).</summary>
    public string? Kind { get; init; }

    public string? Title { get; init; }

    /// <summary>Whose reporting it is.</summary>
    public string? Publisher { get; init; }

    /// <summary>The site whose page was read, when it is a copy of the publisher's story (version 2).</summary>
    public string? Via { get; init; }

    public string? Published { get; init; }
    public string? Language { get; init; }

    /// <summary>The address of the page read.</summary>
    public string? Url { get; init; }

    /// <summary>When the page was read, a partial date (version 2).</summary>
    public string? Read { get; init; }

    public bool IsPrimary { get; init; }

    /// <summary>Reliability note (version 2).</summary>
    public string? Note { get; init; }

    /// <summary>The archived text, one string per paragraph; absent when the store does not keep the text (version 2).</summary>
    public List<string?>? Text { get; init; }
}

public sealed record CitationDto
{
    /// <summary>quote or report (version 2).</summary>
    public string? Kind { get; init; }

    public string? Source { get; init; }

    /// <summary>A quote's exact words, or a report's sentence.</summary>
    public string? Quote { get; init; }

    public string? QuoteEn { get; init; }

    /// <summary>A quote's place in the archived text, "¶5:23-51"; derived from the text when absent.</summary>
    public string? Locator { get; init; }
}

public sealed record OrganizationDto
{
    public string? Slug { get; init; }
    public string? Name { get; init; }
    public string? NameZh { get; init; }
    public string? ShortName { get; init; }
    public string? Parent { get; init; }
    public string? Kind { get; init; }
    public string? Description { get; init; }

    /// <summary>When it came into being, a partial date; absent when the sources do not say.</summary>
    public string? ExistedFrom { get; init; }

    /// <summary>When it was dissolved, a partial date; absent while it exists.</summary>
    public string? ExistedTo { get; init; }
}

public sealed record PersonDto
{
    public string? Slug { get; init; }
    public string? Name { get; init; }
    public string? NativeName { get; init; }
    public string? Bio { get; init; }
    public string? Kind { get; init; }
    public List<CitationDto>? Citations { get; init; }
}

public sealed record TenureDto
{
    public string? Slug { get; init; }
    public string? Person { get; init; }
    public string? Organization { get; init; }
    public string? Role { get; init; }
    public string? Start { get; init; }
    public string? End { get; init; }
    public string? CameFrom { get; init; }
    public string? WentTo { get; init; }
    public string? Reason { get; init; }
    public string? Status { get; init; }
    public string? StatusNote { get; init; }
    public List<CitationDto>? Citations { get; init; }
}

public sealed record EventPersonDto
{
    public string? Person { get; init; }
    public string? Role { get; init; }
}

public sealed record EventOrganizationDto
{
    public string? Organization { get; init; }
    public string? Role { get; init; }
}

public sealed record EventDto
{
    public string? Slug { get; init; }
    public string? Date { get; init; }
    public string? TitleEn { get; init; }
    public string? TitleZh { get; init; }
    public string? SummaryEn { get; init; }
    public string? SummaryZh { get; init; }
    public List<string?>? Themes { get; init; }
    public List<EventPersonDto>? People { get; init; }
    public List<EventOrganizationDto>? Organizations { get; init; }
    public int? Importance { get; init; }
    public string? Status { get; init; }
    public string? StatusNote { get; init; }
    public List<CitationDto>? Citations { get; init; }
}

public sealed record FigureDto
{
    public string? Slug { get; init; }
    public string? Label { get; init; }
    public decimal? Value { get; init; }
    public decimal? ValueHigh { get; init; }
    public string? Unit { get; init; }
    public string? Scale { get; init; }
    public string? Period { get; init; }
    public string? AsOf { get; init; }
    public string? Measures { get; init; }
    public string? Metric { get; init; }
    public string? Organization { get; init; }
    public string? Event { get; init; }
    public string? Status { get; init; }
    public string? StatusNote { get; init; }
    public string? Note { get; init; }
    public List<CitationDto>? Citations { get; init; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    MaxDepth = 16,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
    AllowTrailingCommas = false,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(DatasetDocument))]
[JsonSerializable(typeof(ThemeDto))]
[JsonSerializable(typeof(SourceDto))]
[JsonSerializable(typeof(OrganizationDto))]
[JsonSerializable(typeof(PersonDto))]
[JsonSerializable(typeof(TenureDto))]
[JsonSerializable(typeof(EventDto))]
[JsonSerializable(typeof(FigureDto))]
internal sealed partial class DatasetJsonContext : JsonSerializerContext;
