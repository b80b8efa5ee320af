namespace MetaAiTracker.Core.Domain;

/// <summary>How far a claim can be relied on.</summary>
public enum ClaimStatus
{
    /// <summary>Stated by a source, not independently confirmed.</summary>
    Reported = 0,

    /// <summary>Confirmed by the party concerned or by official filings.</summary>
    Confirmed = 1,

    /// <summary>Contradicted by another source or by a party's own account.</summary>
    Disputed = 2,

    /// <summary>Denied by the party concerned.</summary>
    Denied = 3,
}

public enum PersonKind
{
    /// <summary>Works in the industry; may have tenures.</summary>
    Staff = 0,

    /// <summary>A public figure who appears in events (e.g. a celebrity impersonated by a chatbot), never staff.</summary>
    PublicFigure = 1,
}

public enum OrganizationKind
{
    Company = 0,
    Lab = 1,
    Team = 2,
    Media = 3,
    Research = 4,
    Other = 5,
}

public enum FigureUnit
{
    Percent = 0,
    Usd = 1,
    Count = 2,
    Months = 3,
    Days = 4,
    People = 5,
}

public enum FigureScale
{
    None = 0,
    Thousand = 1,
    Million = 2,
    Billion = 3,
}

/// <summary>What kind of publication a <see cref="Source"/> is, as an analyst would file it.</summary>
public enum SourceKind
{
    /// <summary>An article or analysis read in full (the tracker's primary source is one).</summary>
    Article = 0,

    /// <summary>A news outlet's own report.</summary>
    NewsReport = 1,

    /// <summary>A news agency's story (Reuters, AP, AFP) as carried by a subscriber's site.</summary>
    WireCopy = 2,

    /// <summary>Another outlet's story reprinted or syndicated on a different site.</summary>
    SyndicatedCopy = 3,

    /// <summary>An aggregator's or summariser's retelling of other outlets' reporting.</summary>
    Summary = 4,

    /// <summary>A company's own release, results or regulatory filing.</summary>
    CompanyRelease = 5,

    /// <summary>A post on a social network (X, Threads, LinkedIn).</summary>
    SocialPost = 6,

    /// <summary>A research or industry report.</summary>
    ResearchReport = 7,
}

/// <summary>How a <see cref="Citation"/> stands to its source.</summary>
public enum CitationKind
{
    /// <summary>The exact words of a text the store archives, located by paragraph and character offsets.</summary>
    Quote = 0,

    /// <summary>The tracker's own sentence saying what a source reported; shown without quotation marks.</summary>
    Report = 1,
}
