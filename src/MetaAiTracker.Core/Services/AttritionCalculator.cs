using MetaAiTracker.Core.Domain;

namespace MetaAiTracker.Core.Services;

/// <summary>One person's time in the organisation, as the calculator needs it.</summary>
public sealed record TenureRecord(
    string PersonSlug,
    string PersonName,
    PartialDate? Start,
    PartialDate? End,
    string? CameFrom,
    string? WentTo);

public sealed record AttritionMonth(
    int Year,
    int Month,
    int HeadcountStart,
    int Joins,
    int Departures,
    int HeadcountEnd,
    int EstimatedJoins,
    int EstimatedDepartures)
{
    public string Label => PartialDate.OfMonth(Year, Month).Label;
}

/// <summary>Departures divided by the average headcount, with its parts so nobody mistakes eight people for a workforce.</summary>
public sealed record AttritionRate(int Departures, double AverageHeadcount, int SampleSize)
{
    /// <summary>Null when there was nobody to leave.</summary>
    public double? Rate => AverageHeadcount > 0 ? Departures / AverageHeadcount : null;
}

public sealed record Departure(
    string PersonSlug,
    string PersonName,
    PartialDate? Joined,
    PartialDate Left,
    int? DaysToDeparture,
    bool IsExact,
    string? CameFrom,
    string? WentTo);

public sealed record SplitRow(string? Key, int Count);

public sealed record CohortRow(string? CameFrom, int Joined, int Departed);

public sealed record AttritionReport(
    DateOnly WindowStart,
    DateOnly WindowEnd,
    DateOnly AsOf,
    IReadOnlyList<AttritionMonth> Months,
    AttritionRate Rate,
    IReadOnlyList<Departure> Departures,
    IReadOnlyList<SplitRow> ByDestination,
    IReadOnlyList<CohortRow> ByCohort,
    int HeadcountAtEnd,
    int TenuresConsidered)
{
    public double? MedianDaysToDeparture
    {
        get
        {
            var days = Departures.Where(d => d.DaysToDeparture is not null).Select(d => d.DaysToDeparture!.Value).Order().ToList();
            if (days.Count == 0)
            {
                return null;
            }

            return days.Count % 2 == 1 ? days[days.Count / 2] : (days[days.Count / 2 - 1] + days[days.Count / 2]) / 2.0;
        }
    }
}

/// <summary>
/// Computes headcount, joins, departures, attrition rate and time to departure from tenures. Pure: no I/O, no clock.
/// </summary>
/// <remarks>
/// The rule for partial dates (docs/attrition.md): a join or departure known only to a month, quarter or year is
/// placed at the midpoint of that span (<see cref="PartialDate.Midpoint"/>), and each month reports how many of
/// its joins and departures were placed this way. A tenure with no start date counts as present from before the
/// window. A person is in the headcount on day d when they joined before d and had not left before d.
/// Events after the as-of date are ignored: a departure after it counts as still present.
/// </remarks>
public static class AttritionCalculator
{
    public static DateOnly PointOf(PartialDate date) => date.Midpoint;

    public static AttritionReport Compute(IReadOnlyList<TenureRecord> tenures, DateOnly windowStart, DateOnly windowEnd, DateOnly asOf)
    {
        if (windowEnd < windowStart)
        {
            throw new ArgumentException("The window ends before it starts.", nameof(windowEnd));
        }

        // Month-aligned window: from the first day of the start month to the last day of the end month, never past as-of.
        var firstMonth = new DateOnly(windowStart.Year, windowStart.Month, 1);
        var last = windowEnd < asOf ? windowEnd : asOf;
        var lastMonth = new DateOnly(last.Year, last.Month, 1);
        var windowEndExclusive = lastMonth.AddMonths(1);

        var known = Place(tenures, asOf);

        var months = new List<AttritionMonth>();
        for (var m = firstMonth; m < windowEndExclusive; m = m.AddMonths(1))
        {
            var next = m.AddMonths(1);
            var joins = known.Where(t => t.Join is { } j && In(j, m, next)).ToList();
            var departures = known.Where(t => t.Leave is { } l && In(l, m, next)).ToList();
            months.Add(new AttritionMonth(
                m.Year, m.Month,
                Headcount(known, m),
                joins.Count,
                departures.Count,
                Headcount(known, next),
                joins.Count(t => t.Tenure.Start!.Value.Precision != DatePrecision.Day),
                departures.Count(t => t.Tenure.End!.Value.Precision != DatePrecision.Day)));
        }

        var leavers = known
            .Where(t => t.Leave is { } l && In(l, firstMonth, windowEndExclusive))
            .Select(t => new Departure(
                t.Tenure.PersonSlug, t.Tenure.PersonName, t.Tenure.Start, t.Tenure.End!.Value,
                t.Join is { } j ? t.Leave!.Value.DayNumber - j.DayNumber : null,
                t.Tenure.Start?.Precision == DatePrecision.Day && t.Tenure.End!.Value.Precision == DatePrecision.Day,
                t.Tenure.CameFrom, t.Tenure.WentTo))
            .OrderBy(d => d.Left).ThenBy(d => d.PersonName, StringComparer.Ordinal)
            .ToList();

        // Average headcount: the mean over the months of each month's (start + end) / 2.
        var average = months.Count == 0 ? 0 : months.Average(m => (m.HeadcountStart + m.HeadcountEnd) / 2.0);
        var inWindow = known.Where(t => (t.Join is null || t.Join < windowEndExclusive) && (t.Leave is null || t.Leave >= firstMonth))
            .Select(t => t.Tenure).ToList();

        var byDestination = leavers.GroupBy(d => d.WentTo).Select(g => new SplitRow(g.Key, g.Count()))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Key ?? "\uffff", StringComparer.Ordinal).ToList();
        var byCohort = inWindow.GroupBy(t => t.CameFrom)
            .Select(g => new CohortRow(g.Key, g.Count(), leavers.Count(d => d.CameFrom == g.Key)))
            .OrderByDescending(r => r.Departed).ThenByDescending(r => r.Joined).ThenBy(r => r.CameFrom ?? "\uffff", StringComparer.Ordinal).ToList();

        return new AttritionReport(
            firstMonth, windowEndExclusive.AddDays(-1), asOf, months,
            new AttritionRate(leavers.Count, average, inWindow.Select(t => t.PersonSlug).Distinct().Count()),
            leavers, byDestination, byCohort,
            months.Count == 0 ? Headcount(known, firstMonth) : months[^1].HeadcountEnd,
            known.Count);
    }

    /// <summary>People present at the start of <paramref name="day"/>: joined before it and not left before it.</summary>
    public static int HeadcountOn(IReadOnlyList<TenureRecord> tenures, DateOnly day, DateOnly asOf) => Headcount(Place(tenures, asOf), day);

    private sealed record Placed(TenureRecord Tenure, DateOnly? Join, DateOnly? Leave);

    /// <summary>
    /// Places each join and departure on a day (the midpoint rule), drops what had not happened by as-of, and never
    /// lets a departure fall before its join (two partial dates can straddle: 2025-08-20 → 2025-08).
    /// </summary>
    private static List<Placed> Place(IReadOnlyList<TenureRecord> tenures, DateOnly asOf) => tenures
        .Select(t =>
        {
            DateOnly? join = t.Start is { } s ? PointOf(s) : null;
            DateOnly? leave = t.End is { } e ? PointOf(e) : null;
            if (join is { } j && leave is { } l && l < j)
            {
                leave = j;
            }

            return new Placed(t, join, leave);
        })
        .Where(p => p.Join is null || p.Join <= asOf)
        .Select(p => p.Leave is { } l && l > asOf ? p with { Leave = null, Tenure = p.Tenure with { End = null } } : p)
        .ToList();

    private static int Headcount(List<Placed> placed, DateOnly day) =>
        placed.Count(t => (t.Join is null || t.Join < day) && (t.Leave is null || t.Leave >= day));

    private static bool In(DateOnly day, DateOnly from, DateOnly toExclusive) => day >= from && day < toExclusive;
}
