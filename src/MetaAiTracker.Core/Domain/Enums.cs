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
