using MetaAiTracker.Core.Domain;

namespace MetaAiTracker.Core.Services;

// Small read models shared by the pages and the API.

public sealed record ThemeRef(string Slug, string NameEn, string NameZh, string Color);

public sealed record PersonRef(string Slug, string Name, string? NativeName, string? Role);

public sealed record OrganizationRef(string Slug, string Name, string? Role);

public sealed record SourceRef(string Slug, string Title, string Publisher, PartialDate? Published, string Language, string? Url, bool IsPrimary);

public sealed record CitationView(SourceRef Source, string Quote, string? QuoteEn, string? Locator);

public sealed record FacetCount(string Key, string Label, int Count);
