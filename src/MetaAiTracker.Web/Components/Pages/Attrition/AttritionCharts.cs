using System.Globalization;
using MetaAiTracker.Core.Domain;
using MetaAiTracker.Core.Services;
using MudBlazor;

namespace MetaAiTracker.Web.Components.Pages.Attrition;

/// <summary>One bar of the time-to-departure histogram: stays of <see cref="From"/> to <see cref="To"/> days (inclusive).</summary>
public sealed record DaysBin(int From, int To, int Count)
{
    public string Label => $"{From.ToString(CultureInfo.InvariantCulture)}–{To.ToString(CultureInfo.InvariantCulture)} d";
}

/// <summary>The labels and series of one chart; the page's data table shows the same numbers.</summary>
public sealed record ChartModel(string[] Labels, List<ChartSeries<double>> Series)
{
    public bool IsEmpty => Labels.Length == 0;
}

/// <summary>
/// Maps an attrition result to the five charts of the attrition page. Kept apart from the markup so that a test
/// can check that every series carries exactly the service's numbers.
/// </summary>
public static class AttritionCharts
{
    public const string NotReported = "Not reported";

    /// <summary>Headcount at the end of each month of the window.</summary>
    public static ChartModel Headcount(AttritionReport report) => new(
        AxisMonthLabels(report.Months),
        [Series("Headcount at month end", report.Months.Select(m => (double)m.HeadcountEnd))]);

    /// <summary>Joins and departures per month.</summary>
    public static ChartModel Flows(AttritionReport report) => new(
        AxisMonthLabels(report.Months),
        [
            Series("Joins", report.Months.Select(m => (double)m.Joins)),
            Series("Departures", report.Months.Select(m => (double)m.Departures)),
        ]);

    /// <summary>At most this many bars in a chart: a person each up to here, bins or an "other" bar past it.</summary>
    public const int MaxBars = 24;

    /// <summary>At most this many bins in the time-to-departure histogram.</summary>
    public const int MaxBins = 12;

    /// <summary>Bin widths in days the histogram chooses from: the smallest that keeps it to <see cref="MaxBins"/> bins.</summary>
    private static readonly int[] BinWidths = [7, 14, 30, 60, 90, 120, 180, 365, 730, 1095, 1825, 3650];

    /// <summary>
    /// Days from joining to leaving: one bar per leaver whose join date is known while they fit
    /// (<see cref="MaxBars"/>); past that a histogram of equal spans of days (<see cref="DaysBins"/>), since thousands
    /// of thin bars say nothing and cost the server a component each.
    /// </summary>
    public static ChartModel TimeToDeparture(AttritionReport report) => TimeToDeparture(report, TimeBins(report));

    /// <param name="bins">The report's <see cref="TimeBins"/>, when the caller has them already.</param>
    public static ChartModel TimeToDeparture(AttritionReport report, IReadOnlyList<DaysBin> bins)
    {
        if (bins.Count == 0)
        {
            var timed = TimedDepartures(report);
            return new(
                timed.Select(d => ShortName(d.PersonName)).ToArray(),
                [Series("Days from joining to leaving", timed.Select(d => (double)d.DaysToDeparture!.Value))]);
        }

        return new(
            bins.Select(b => b.Label).ToArray(),
            [Series("People who left after this many days", bins.Select(b => (double)b.Count))]);
    }

    /// <summary>
    /// The time-to-departure histogram's bins when there are more timed leavers than <see cref="MaxBars"/>; none (a bar
    /// per person) otherwise.
    /// </summary>
    public static IReadOnlyList<DaysBin> TimeBins(AttritionReport report)
    {
        var timed = TimedDepartures(report);
        return timed.Count > MaxBars ? DaysBins(timed.Select(d => d.DaysToDeparture!.Value).ToList()) : [];
    }

    /// <summary>
    /// Equal spans of days from 0, the narrowest of <see cref="BinWidths"/> that covers the longest stay in at most
    /// <see cref="MaxBins"/> bins (past a century, as wide as that needs); every stay is in exactly one bin, empty bins between
    /// kept so the axis is even.
    /// </summary>
    public static IReadOnlyList<DaysBin> DaysBins(IReadOnlyList<int> days)
    {
        if (days.Count == 0)
        {
            return [];
        }

        var max = Math.Max(0, days.Max());
        // Past the widest listed width (stays of over a century), as wide as it takes to stay within MaxBins.
        var width = BinWidths.FirstOrDefault(w => max / w + 1 <= MaxBins, max / MaxBins + 1);
        var counts = new int[max / width + 1];
        foreach (var d in days)
        {
            counts[Math.Max(0, d) / width]++;
        }

        return counts.Select((count, i) => new DaysBin(i * width, (i + 1) * width - 1, count)).ToList();
    }

    /// <summary>
    /// The first <paramref name="keep"/> − 1 rows as they are and the rest summed into one "Other (n)" row, when there
    /// are more than <paramref name="keep"/>; the rows unchanged otherwise. Rows come sorted, largest first.
    /// </summary>
    public static IReadOnlyList<(string Label, double[] Values)> TopAndOther(
        IReadOnlyList<(string Label, double[] Values)> rows, int keep = MaxBars)
    {
        if (rows.Count <= keep)
        {
            return rows;
        }

        var top = rows.Take(keep - 1).ToList();
        var rest = rows.Skip(keep - 1).ToList();
        var sums = Enumerable.Range(0, rows[0].Values.Length).Select(i => rest.Sum(r => r.Values[i])).ToArray();
        top.Add(($"Other ({rest.Count.ToString(CultureInfo.InvariantCulture)})", sums));
        return top;
    }

    /// <summary>
    /// The y-axis step of a chart: the smallest of 1, 2, 5, 10, 20, 50, … that draws at most <paramref name="lines"/>
    /// grid lines above zero for the chart's largest value.
    /// </summary>
    public static int TickStep(ChartModel chart, int lines = 6)
    {
        var max = chart.Series.SelectMany(s => s.Data.Values).DefaultIfEmpty(0).Max();
        for (var scale = 1; ; scale *= 10)
        {
            foreach (var step in new[] { 1, 2, 5 })
            {
                if (max / (step * scale) <= lines || scale > 100_000_000)
                {
                    return step * scale;
                }
            }
        }
    }

    /// <summary>The departures the time-to-departure chart and table show, in the report's order.</summary>
    public static IReadOnlyList<Departure> TimedDepartures(AttritionReport report) =>
        report.Departures.Where(d => d.DaysToDeparture is not null).ToList();

    /// <summary>Departures by where the leavers went: the largest destinations, the rest as one "Other" bar.</summary>
    public static ChartModel Destination(AttritionResult result) => FromRows(
        result.Report.ByDestination.Select(r => (OrganizationName(result, r.Key), new[] { (double)r.Count })).ToList(),
        ["Departures"]);

    /// <summary>People at the lab in the window, and how many of them left, by where they came from (largest first, the rest as "Other").</summary>
    public static ChartModel Cohort(AttritionResult result) => FromRows(
        result.Report.ByCohort.Select(r => (OrganizationName(result, r.CameFrom), new[] { (double)r.Joined, r.Departed })).ToList(),
        ["Joined", "Departed"]);

    /// <summary>Past this many bars, long organisation names are cut on the axis (the table beneath has them whole).</summary>
    public const int ShortLabelsAfter = 6;

    /// <summary>"Thinking Machines Lab" → "Thinking…": at most <paramref name="max"/> characters, cut at a word where one ends in time.</summary>
    public static string Shorten(string label, int max = 12)
    {
        if (label.Length <= max)
        {
            return label;
        }

        var cut = label[..(max - 1)];
        var space = cut.LastIndexOf(' ');
        return (space >= 4 ? cut[..space] : cut).TrimEnd() + "…";
    }

    private static ChartModel FromRows(IReadOnlyList<(string Label, double[] Values)> rows, string[] names)
    {
        var shown = TopAndOther(rows);
        return new(
            shown.Select(r => shown.Count > ShortLabelsAfter && !r.Label.StartsWith("Other (", StringComparison.Ordinal) ? Shorten(r.Label) : r.Label).ToArray(),
            names.Select((name, i) => Series(name, shown.Select(r => r.Values[i]))).ToList());
    }

    public static string OrganizationName(AttritionResult result, string? slug) => slug is null ? NotReported : result.NameOf(slug);

    /// <summary>
    /// Month labels short enough for a phone: "Jun", "Jul", … When the window spans years, the first month and each
    /// January carry the year ("Jan ’26"); past twelve months only every second (third, …) month is labelled.
    /// </summary>
    public static string[] AxisMonthLabels(IReadOnlyList<AttritionMonth> months)
    {
        var spansYears = months.Count > 0 && months[0].Year != months[^1].Year;
        var step = Math.Max(1, (int)Math.Ceiling(months.Count / 12.0));
        return months
            .Select((m, i) =>
            {
                if (i % step != 0)
                {
                    return string.Empty;
                }

                var name = PartialDate.OfMonth(m.Year, m.Month).Label[..3];
                return spansYears && (i == 0 || m.Month == 1)
                    ? $"{name} ’{(m.Year % 100).ToString("D2", CultureInfo.InvariantCulture)}"
                    : name;
            })
            .ToArray();
    }

    /// <summary>"Jun–Sep 2025", "Sep 2025" or "Dec 2024–Feb 2025".</summary>
    public static string MonthRange(DateOnly start, DateOnly end)
    {
        var from = PartialDate.OfMonth(start.Year, start.Month);
        var to = PartialDate.OfMonth(end.Year, end.Month);
        if (from == to)
        {
            return from.Label;
        }

        return start.Year == end.Year ? $"{from.Label[..3]}–{to.Label}" : $"{from.Label}–{to.Label}";
    }

    /// <summary>
    /// The rate with its parts in words: "8 departures ÷ 7.25 average headcount = 110% over Jun–Sep 2025, among 14 named people".
    /// </summary>
    public static string RateSentence(AttritionReport report)
    {
        var rate = report.Rate;
        var departures = rate.Departures == 1 ? "1 departure" : $"{rate.Departures.ToString(CultureInfo.InvariantCulture)} departures";
        var average = rate.AverageHeadcount.ToString("0.##", CultureInfo.InvariantCulture);
        var people = rate.SampleSize == 1 ? "1 named person" : $"{rate.SampleSize.ToString(CultureInfo.InvariantCulture)} named people";
        var window = MonthRange(report.WindowStart, report.WindowEnd);
        return rate.Rate is null
            ? $"{departures} ÷ {average} average headcount: no rate, as nobody was there to leave over {window}"
            : $"{departures} ÷ {average} average headcount = {FigureFormat.Percent(rate.Rate)} over {window}, among {people}";
    }

    /// <summary>"Ruoming Pang" → "Pang": keeps the axis readable on a phone; the table beneath has the full names.</summary>
    public static string ShortName(string name)
    {
        var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length < 2 ? name : parts[^1];
    }

    private static ChartSeries<double> Series(string name, IEnumerable<double> values) => new()
    {
        Name = name,
        Data = values.ToArray(),
    };
}
