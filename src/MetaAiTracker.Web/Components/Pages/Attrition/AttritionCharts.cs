using System.Globalization;
using MetaAiTracker.Core.Domain;
using MetaAiTracker.Core.Services;
using MudBlazor;

namespace MetaAiTracker.Web.Components.Pages.Attrition;

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

    /// <summary>Days from joining to leaving, one bar per leaver whose join date is known.</summary>
    public static ChartModel TimeToDeparture(AttritionReport report)
    {
        var timed = TimedDepartures(report);
        return new(
            timed.Select(d => ShortName(d.PersonName)).ToArray(),
            [Series("Days from joining to leaving", timed.Select(d => (double)d.DaysToDeparture!.Value))]);
    }

    /// <summary>The departures the time-to-departure chart and table show, in the report's order.</summary>
    public static IReadOnlyList<Departure> TimedDepartures(AttritionReport report) =>
        report.Departures.Where(d => d.DaysToDeparture is not null).ToList();

    /// <summary>Departures by where the leavers went.</summary>
    public static ChartModel Destination(AttritionResult result) => new(
        result.Report.ByDestination.Select(r => OrganizationName(result, r.Key)).ToArray(),
        [Series("Departures", result.Report.ByDestination.Select(r => (double)r.Count))]);

    /// <summary>People at the lab in the window, and how many of them left, by where they came from.</summary>
    public static ChartModel Cohort(AttritionResult result) => new(
        result.Report.ByCohort.Select(r => OrganizationName(result, r.CameFrom)).ToArray(),
        [
            Series("Joined", result.Report.ByCohort.Select(r => (double)r.Joined)),
            Series("Departed", result.Report.ByCohort.Select(r => (double)r.Departed)),
        ]);

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
