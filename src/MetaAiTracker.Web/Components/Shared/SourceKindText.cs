using MetaAiTracker.Core.Domain;

namespace MetaAiTracker.Web.Components.Shared;

/// <summary>What each kind of source is called on the pages, and what it means for a reader checking it.</summary>
public static class SourceKindText
{
    public static string Name(SourceKind kind) => kind switch
    {
        SourceKind.Article => "Article",
        SourceKind.NewsReport => "News report",
        SourceKind.WireCopy => "Wire copy",
        SourceKind.SyndicatedCopy => "Syndicated copy",
        SourceKind.Summary => "Summary or aggregator",
        SourceKind.CompanyRelease => "Company release or filing",
        SourceKind.SocialPost => "Social post",
        SourceKind.ResearchReport => "Research report",
        _ => kind.ToString(),
    };

    public static string Meaning(SourceKind kind) => kind switch
    {
        SourceKind.Article => "an article or analysis read in full",
        SourceKind.NewsReport => "an outlet's own reporting",
        SourceKind.WireCopy => "a news agency's story as a subscriber's site carries it",
        SourceKind.SyndicatedCopy => "another outlet's story reprinted on a different site",
        SourceKind.Summary => "a retelling of other outlets' reporting; weaker, and checked against other reports",
        SourceKind.CompanyRelease => "what a company states about itself",
        SourceKind.SocialPost => "a post on a social network",
        SourceKind.ResearchReport => "a research or industry report",
        _ => kind.ToString(),
    };
}
