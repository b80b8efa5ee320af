using MetaAiTracker.Core.Domain;

namespace MetaAiTracker.Core.Services;

// Small read models shared by the pages and the API.

public sealed record ThemeRef(string Slug, string NameEn, string NameZh, string Color);

public sealed record PersonRef(string Slug, string Name, string? NativeName, string? Role);

public sealed record OrganizationRef(string Slug, string Name, string? Role);

/// <summary>A source as a citation names it: kind, whose reporting, the page read and when.</summary>
public sealed record SourceRef(
    string Slug,
    SourceKind Kind,
    string Title,
    string Publisher,
    string? Via,
    PartialDate? Published,
    string Language,
    string? Url,
    PartialDate? Read,
    bool IsPrimary)
{
    /// <summary>"Reuters, via CNA" when the page read is a copy; the publisher alone otherwise.</summary>
    public string Attribution => Via is null ? Publisher : $"{Publisher}, via {Via}";
}

/// <summary>
/// One citation as the pages and the API show it: a quote (the source's exact words, with the place they stand and the
/// address of that place on the source's page) or a report (the tracker's sentence of what the source reported).
/// </summary>
public sealed record CitationView(CitationKind Kind, SourceRef Source, string Quote, string? QuoteEn, QuoteLocator? Locator)
{
    /// <summary>The source page at the quoted passage ("/sources/article-zh#q-5-23-51"); null for a report.</summary>
    public string? ContextUrl => Kind == CitationKind.Quote && Locator is { } at ? SourcePaths.Passage(Source.Slug, at) : null;

    /// <summary>
    /// The citation as one line of text, the way every page and export shows it: a quote in quotation marks
    /// (“…”), a report as the tracker's sentence attributed to the publisher ("TechCrunch reported that …"), never quoted.
    /// </summary>
    public string Display => Kind == CitationKind.Quote ? $"“{Quote}”" : $"{Source.Publisher} {SourcePaths.Verb(Source.Kind)} that {Quote}";
}

/// <summary>Addresses of a source's page and the words a report is introduced with.</summary>
public static class SourcePaths
{
    public static string Of(string slug) => $"/sources/{Uri.EscapeDataString(slug)}";

    /// <summary>The source page scrolled to a quoted passage.</summary>
    public static string Passage(string slug, QuoteLocator at) => $"{Of(slug)}#{at.Anchor}";

    /// <summary>"reported" for reporting, "stated" for a company's own release, "posted" for a social post.</summary>
    public static string Verb(SourceKind kind) => kind switch
    {
        SourceKind.CompanyRelease => "stated",
        SourceKind.SocialPost => "posted",
        _ => "reported",
    };
}

public sealed record FacetCount(string Key, string Label, int Count);
