namespace MetaAiTracker.Core.Services;

/// <summary>
/// Figures of one metric at different dates, oldest first: how a number moved or was revised (2025 capital expenditure:
/// guidance of July, narrowed in October, the outcome in January). Only metrics with figures at two or more dates make
/// a series; several figures of the same date (four labs' retention) are a comparison, not a series.
/// </summary>
public sealed record FigureSeries(string Metric, string Title, IReadOnlyList<FigureView> Figures)
{
    public static IReadOnlyList<FigureSeries> Of(IEnumerable<FigureView> figures) => figures
        .Where(f => f.Metric is not null && f.AsOf is not null)
        .GroupBy(f => f.Metric!, StringComparer.Ordinal)
        .Where(g => g.Select(f => f.AsOf!.Value).Distinct().Count() > 1)
        .Select(g =>
        {
            var ordered = g.OrderBy(f => f.AsOf!.Value).ThenBy(f => f.Slug, StringComparer.Ordinal).ToList();
            return new FigureSeries(g.Key, TitleOf(ordered.Select(f => f.Label).ToList(), g.Key), ordered);
        })
        .OrderBy(s => s.Figures[^1].AsOf!.Value).ThenBy(s => s.Metric, StringComparer.Ordinal)
        .ToList();

    /// <summary>
    /// The words every label of the series shares, in the first label's order, without parentheses: "2025 capital
    /// expenditure guidance" and "2025 capital expenditure (actual)" give "2025 capital expenditure"; "Q3 2025 revenue" and
    /// "Q4 2025 revenue" give "Revenue". The metric's own words when the labels share none.
    /// </summary>
    private static string TitleOf(IReadOnlyList<string> labels, string metric)
    {
        static string[] Words(string label) =>
            (label.IndexOf(" (", StringComparison.Ordinal) is var cut and > 0 ? label[..cut] : label).Split(' ', StringSplitOptions.RemoveEmptyEntries);

        var others = labels.Skip(1).Select(l => Words(l).ToHashSet(StringComparer.OrdinalIgnoreCase)).ToList();
        var shared = Words(labels[0]).Where(w => others.All(o => o.Contains(w))).ToList();
        var title = shared.Count > 0 ? string.Join(' ', shared) : metric.Replace('-', ' ');
        return char.ToUpperInvariant(title[0]) + title[1..];
    }
}
