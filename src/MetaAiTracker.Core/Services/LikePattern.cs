namespace MetaAiTracker.Core.Services;

/// <summary>
/// The one way the tracker turns a search text into a LIKE pattern: "contains", with LIKE's wildcards (<c>%</c>,
/// <c>_</c>) and the escape character itself taken literally. Used by the timeline's text filter, the name pickers and
/// the stores' own index lookups, so that all of them agree on what a text means.
/// </summary>
public static class LikePattern
{
    /// <summary>The escape character to pass with the pattern (<c>LIKE … ESCAPE '\'</c>; PostgreSQL's default too).</summary>
    public const string EscapeCharacter = "\\";

    /// <summary>"%text%" with <c>\</c>, <c>%</c> and <c>_</c> escaped.</summary>
    public static string Containing(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
