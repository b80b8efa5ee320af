namespace MetaAiTracker.Core.Services;

/// <summary>
/// A run of a paragraph's characters with the quoted passages that cover it (none for plain text) and the passages that
/// begin at it (where their anchors go). Passages may overlap (one quote inside a longer one), so a paragraph is cut at
/// every passage boundary and each run knows all that cover it.
/// </summary>
public sealed record PassageSegment(int Start, int End, string Text, IReadOnlyList<SourcePassage> Covering, IReadOnlyList<SourcePassage> Starting)
{
    /// <summary>The shortest passage covering this run: the one its mark links to.</summary>
    public SourcePassage? Innermost => Covering.Count == 0 ? null : Covering.MinBy(p => p.Locator.Length);

    /// <summary>
    /// The runs of <paramref name="text"/> (paragraph <paramref name="paragraph"/>) in order. Passages of other
    /// paragraphs, or that do not fit the text, are ignored.
    /// </summary>
    public static IReadOnlyList<PassageSegment> Of(string text, int paragraph, IEnumerable<SourcePassage> passages)
    {
        var here = passages.Where(p => p.Locator.Paragraph == paragraph && p.Locator.End <= text.Length).ToList();
        var cuts = new SortedSet<int> { 0, text.Length };
        foreach (var p in here)
        {
            cuts.Add(p.Locator.Start);
            cuts.Add(p.Locator.End);
        }

        var bounds = cuts.ToList();
        var segments = new List<PassageSegment>(bounds.Count);
        for (var i = 0; i + 1 < bounds.Count; i++)
        {
            var (start, end) = (bounds[i], bounds[i + 1]);
            segments.Add(new PassageSegment(start, end, text[start..end],
                here.Where(p => p.Locator.Start <= start && end <= p.Locator.End).ToList(),
                here.Where(p => p.Locator.Start == start).OrderByDescending(p => p.Locator.Length).ToList()));
        }

        return segments;
    }
}
