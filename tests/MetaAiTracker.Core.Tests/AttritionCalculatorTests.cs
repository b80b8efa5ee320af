using MetaAiTracker.Core.Domain;
using MetaAiTracker.Core.Services;

namespace MetaAiTracker.Core.Tests;

/// <summary>
/// The pure calculator on hand-made tenures. The midpoint rule (docs/attrition.md): a date known to a month,
/// quarter or year stands for its first day + (days in the span − 1) / 2, rounded down:
///   2025-06 → Jun 1 + 29/2 = Jun 15      2025-07 → Jul 1 + 30/2 = Jul 16     2025-08 → Aug 1 + 30/2 = Aug 16
///   2025-Q3 → Jul 1 + 91/2 = Aug 15      2025-Q4 → Oct 1 + 91/2 = Nov 15     2025 → Jan 1 + 364/2 = Jul 2
///   2024 (leap) → Jan 1 + 365/2 = Jul 1 2024
/// A person counts in the headcount on day d when they joined before d and had not left before d.
/// </summary>
public sealed class AttritionCalculatorTests
{
    private static readonly DateOnly Jun1 = new(2025, 6, 1);
    private static readonly DateOnly Sep30 = new(2025, 9, 30);

    private static TenureRecord T(string slug, string? start, string? end, string? cameFrom = null, string? wentTo = null) =>
        new(slug, slug.ToUpperInvariant(), start is null ? null : PartialDate.Parse(start), end is null ? null : PartialDate.Parse(end), cameFrom, wentTo);

    private static string[] Series(AttritionReport r) =>
        r.Months.Select(m => $"{m.Label}: {m.HeadcountStart} +{m.Joins}({m.EstimatedJoins}~) -{m.Departures}({m.EstimatedDepartures}~) = {m.HeadcountEnd}").ToArray();

    /// <summary>
    ///   a  2025-06    → 2025-08      join Jun 15 (est.)  leave Aug 16 (est.)
    ///   b  2025-06-02 → 2025-08-29   join Jun 2          leave Aug 29
    ///   c  (unknown)  → 2025-07      present before the window, leave Jul 16 (est.)
    ///   d  2025-Q3    → —            join Aug 15 (est.)
    ///   e  2025       → —            join Jul 2 (est.)
    ///
    ///   Jun: start {c} = 1; joins a b = 2 (a estimated); leaves none; end {c a b} = 3
    ///   Jul: start 3; joins e = 1 (est.); leaves c = 1 (est.); end {a b e} = 3
    ///   Aug: start 3; joins d = 1 (est.); leaves a (est.) b = 2; end {e d} = 2
    ///   Sep: 2 → 2
    ///   average ((1+3)/2 + (3+3)/2 + (3+2)/2 + (2+2)/2) / 4 = (2 + 3 + 2.5 + 2) / 4 = 9.5 / 4 = 2.375
    ///   rate 3 / 2.375 = 1.263…, sample 5 people
    /// </summary>
    [Fact]
    public void Headcount_series_joins_departures_and_rate()
    {
        var tenures = new[] { T("a", "2025-06", "2025-08"), T("b", "2025-06-02", "2025-08-29"), T("c", null, "2025-07"), T("d", "2025-Q3", null), T("e", "2025", null) };

        // A window that does not start or end on a month boundary is widened to whole months.
        var r = AttritionCalculator.Compute(tenures, new DateOnly(2025, 6, 17), new DateOnly(2025, 9, 3), Sep30);

        Assert.Equal((Jun1, Sep30, Sep30), (r.WindowStart, r.WindowEnd, r.AsOf));
        Assert.Equal(
        [
            "Jun 2025: 1 +2(1~) -0(0~) = 3",
            "Jul 2025: 3 +1(1~) -1(1~) = 3",
            "Aug 2025: 3 +1(1~) -2(1~) = 2",
            "Sep 2025: 2 +0(0~) -0(0~) = 2",
        ], Series(r));
        Assert.Equal(2, r.HeadcountAtEnd);
        Assert.Equal(5, r.TenuresConsidered);

        Assert.Equal(3, r.Rate.Departures);
        Assert.Equal(2.375, r.Rate.AverageHeadcount, 9);
        Assert.Equal(5, r.Rate.SampleSize);
        Assert.Equal(3 / 2.375, r.Rate.Rate!.Value, 9);
    }

    /// <summary>
    /// Departures are listed by when they left (c 2025-07, a 2025-08, b 2025-08-29):
    ///   c  no join date → no time to departure
    ///   a  Jun 15 → Aug 16 = 15 (rest of June) + 31 (July) + 16 = 62 days, estimated
    ///   b  Jun 2 → Aug 29 = 28 + 31 + 29 = 88 days, exact (both ends known to the day)
    ///   median of 62 and 88 = 75
    /// </summary>
    [Fact]
    public void Time_to_departure_with_the_midpoint_rule()
    {
        var tenures = new[] { T("a", "2025-06", "2025-08"), T("b", "2025-06-02", "2025-08-29"), T("c", null, "2025-07"), T("d", "2025-Q3", null), T("e", "2025", null) };

        var r = AttritionCalculator.Compute(tenures, Jun1, Sep30, Sep30);

        Assert.Equal(["c:-:False", "a:62:False", "b:88:True"], r.Departures.Select(d => $"{d.PersonSlug}:{d.DaysToDeparture?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}:{d.IsExact}"));
        Assert.Equal(75.0, r.MedianDaysToDeparture);
        Assert.Equal(PartialDate.OfMonth(2025, 6), r.Departures[1].Joined);
        Assert.Equal(PartialDate.OfMonth(2025, 8), r.Departures[1].Left);
    }

    [Theory]
    // Jun 15 → Aug 16: 15 + 31 + 16.
    [InlineData("2025-06", "2025-08", 62, false)]
    // Exact days: Jun 2 → Aug 29.
    [InlineData("2025-06-02", "2025-08-29", 88, true)]
    // One end exact, one estimated: Jun 2 → Aug 16 = 28 + 31 + 16.
    [InlineData("2025-06-02", "2025-08", 75, false)]
    // Quarters: Aug 15 → Nov 15 = 16 + 30 + 31 + 15.
    [InlineData("2025-Q3", "2025-Q4", 92, false)]
    // A leap year: Jul 1 2024 → Jun 15 2025 = 365 (to Jul 1 2025) − 16.
    [InlineData("2024", "2025-06", 349, false)]
    // Same day: 0, exact.
    [InlineData("2025-07-04", "2025-07-04", 0, true)]
    public void Days_to_departure(string start, string end, int days, bool exact)
    {
        var r = AttritionCalculator.Compute([T("x", start, end)], new DateOnly(2024, 1, 1), new DateOnly(2025, 12, 31), new DateOnly(2025, 12, 31));

        var d = Assert.Single(r.Departures);
        Assert.Equal(days, d.DaysToDeparture);
        Assert.Equal(exact, d.IsExact);
    }

    /// <summary>
    /// As of 10 Sep 2025:
    ///   p  2025-06-02 → 2025-09-20   leaves after as-of → still present, not a departure
    ///   q  2025-09-15 → —            joins after as-of → ignored altogether
    ///   r  2025-06    → 2025-09-05   join Jun 15 (est.), leaves Sep 5 (before as-of) → a departure
    /// The window (Jun–Dec) is cut at the as-of month: Jun–Sep.
    ///   Jun: 0 +2 (r estimated) = 2 · Jul: 2 → 2 · Aug: 2 → 2 · Sep: 2 −1 = 1
    ///   average (1 + 2 + 2 + 1.5) / 4 = 1.625; rate 1 / 1.625; sample p and r = 2.
    /// </summary>
    [Fact]
    public void Nothing_after_the_as_of_date_counts()
    {
        var asOf = new DateOnly(2025, 9, 10);
        var tenures = new[] { T("p", "2025-06-02", "2025-09-20"), T("q", "2025-09-15", null), T("r", "2025-06", "2025-09-05") };

        var r = AttritionCalculator.Compute(tenures, Jun1, new DateOnly(2025, 12, 31), asOf);

        Assert.Equal((Jun1, Sep30, asOf), (r.WindowStart, r.WindowEnd, r.AsOf));
        Assert.Equal(
        [
            "Jun 2025: 0 +2(1~) -0(0~) = 2",
            "Jul 2025: 2 +0(0~) -0(0~) = 2",
            "Aug 2025: 2 +0(0~) -0(0~) = 2",
            "Sep 2025: 2 +0(0~) -1(0~) = 1",
        ], Series(r));
        Assert.Equal(["r"], r.Departures.Select(d => d.PersonSlug));
        Assert.Equal(1, r.HeadcountAtEnd);
        Assert.Equal(2, r.TenuresConsidered);
        Assert.Equal(2, r.Rate.SampleSize);
        Assert.Equal(1.625, r.Rate.AverageHeadcount, 9);

        // Headcount on a day: p joined Jun 2, so is counted from Jun 3; r left Sep 5, so is still counted on Sep 5.
        Assert.Equal(0, AttritionCalculator.HeadcountOn(tenures, new DateOnly(2025, 6, 2), asOf));
        Assert.Equal(1, AttritionCalculator.HeadcountOn(tenures, new DateOnly(2025, 6, 3), asOf));
        Assert.Equal(2, AttritionCalculator.HeadcountOn(tenures, new DateOnly(2025, 9, 5), asOf));
        Assert.Equal(1, AttritionCalculator.HeadcountOn(tenures, new DateOnly(2025, 9, 6), asOf));
        // p's departure on Sep 20 is after as-of: p is still counted on Sep 30; q (joined Sep 15) never is.
        Assert.Equal(1, AttritionCalculator.HeadcountOn(tenures, new DateOnly(2025, 9, 30), asOf));
    }

    [Fact]
    public void A_departure_known_only_to_a_month_that_ends_after_as_of_is_placed_at_its_midpoint()
    {
        // 2025-09 → Sep 16. As of Sep 10 it has not happened; as of Sep 16 it has.
        var tenures = new[] { T("s", "2025-06-02", "2025-09") };

        Assert.Empty(AttritionCalculator.Compute(tenures, Jun1, Sep30, new DateOnly(2025, 9, 10)).Departures);
        Assert.Single(AttritionCalculator.Compute(tenures, Jun1, Sep30, new DateOnly(2025, 9, 16)).Departures);
    }

    /// <summary>
    ///   x  (unknown) → —            present throughout
    ///   y  (unknown) → 2025-07-10   present until Jul 10
    ///   Jun: 2 → 2 · Jul: 2 −1 = 1 · Aug: 1 → 1; average (2 + 1.5 + 1) / 3 = 1.5; rate 1 / 1.5
    /// </summary>
    [Fact]
    public void A_tenure_with_no_start_counts_as_present_from_before_the_window()
    {
        var tenures = new[] { T("x", null, null), T("y", null, "2025-07-10") };

        var r = AttritionCalculator.Compute(tenures, Jun1, new DateOnly(2025, 8, 31), Sep30);

        Assert.Equal(
        [
            "Jun 2025: 2 +0(0~) -0(0~) = 2",
            "Jul 2025: 2 +0(0~) -1(0~) = 1",
            "Aug 2025: 1 +0(0~) -0(0~) = 1",
        ], Series(r));
        Assert.Equal(1.5, r.Rate.AverageHeadcount, 9);
        Assert.Equal(1 / 1.5, r.Rate.Rate!.Value, 9);
        var y = Assert.Single(r.Departures);
        Assert.Null(y.DaysToDeparture);
        Assert.Null(y.Joined);
        Assert.False(y.IsExact);
        Assert.Null(r.MedianDaysToDeparture);
    }

    [Fact]
    public void A_departure_whose_midpoint_falls_before_the_join_is_clamped_to_the_join()
    {
        // Joined Aug 20; left "2025-08", whose midpoint Aug 16 is before the join. The departure is placed on Aug 20:
        // 0 days, not −4, and the headcount never goes negative.
        var r = AttritionCalculator.Compute([T("z", "2025-08-20", "2025-08")], Jun1, Sep30, Sep30);

        var z = Assert.Single(r.Departures);
        Assert.Equal(0, z.DaysToDeparture);
        Assert.False(z.IsExact);
        Assert.Equal(
        [
            "Jun 2025: 0 +0(0~) -0(0~) = 0",
            "Jul 2025: 0 +0(0~) -0(0~) = 0",
            "Aug 2025: 0 +1(0~) -1(1~) = 0",
            "Sep 2025: 0 +0(0~) -0(0~) = 0",
        ], Series(r));
        Assert.All(r.Months, m => Assert.True(m.HeadcountStart >= 0 && m.HeadcountEnd >= 0));
    }

    [Fact]
    public void Nobody_to_leave_gives_no_rate()
    {
        var r = AttritionCalculator.Compute([], Jun1, Sep30, Sep30);

        Assert.Equal(0, r.Rate.AverageHeadcount);
        Assert.Equal(0, r.Rate.SampleSize);
        Assert.Null(r.Rate.Rate);
        Assert.Equal(4, r.Months.Count);
    }

    [Fact]
    public void Present_throughout_with_nobody_leaving_is_a_rate_of_zero()
    {
        var r = AttritionCalculator.Compute([T("x", "2025-01-10", null)], Jun1, Sep30, Sep30);

        Assert.Equal(1, r.Rate.AverageHeadcount);
        Assert.Equal(0.0, r.Rate.Rate);
    }

    [Fact]
    public void A_window_that_ends_before_it_starts_is_refused()
    {
        Assert.Throws<ArgumentException>(() => AttritionCalculator.Compute([], Sep30, Jun1, Sep30));
    }

    /// <summary>
    /// Window Jun–Sep 2025, as of Sep 30.
    ///   a  rival → rival     2025-06 → 2025-08      left
    ///   b  uni   → startup   2025-06 → 2025-07      left
    ///   c  rival → (none)    2025-06 → 2025-08      left
    ///   d  (none) → rival    2025-06 → 2025-09-10   left
    ///   e  uni               2025-07 → —
    ///   f  (none)            2025-07 → —
    ///   g  startup           2025-06 → —
    ///   h  (none)            2025-08 → —
    ///   i  rival             2025-01-10 → 2025-03   left in March, before the window: in no split
    /// By destination (4 leavers): rival a d = 2; startup b = 1; unknown c = 1 — most first, unknown last among equals.
    /// By cohort (came from; in the window): rival a c → 2 joined, 2 left; (none) d f h → 3, 1; uni b e → 2, 1;
    ///   startup g → 1, 0. Ordered by departures, then joined, then name with unknown last.
    /// </summary>
    [Fact]
    public void Splits_by_destination_and_by_cohort()
    {
        var tenures = new[]
        {
            T("a", "2025-06", "2025-08", "rival", "rival"),
            T("b", "2025-06", "2025-07", "uni", "startup"),
            T("c", "2025-06", "2025-08", "rival", null),
            T("d", "2025-06", "2025-09-10", null, "rival"),
            T("e", "2025-07", null, "uni"),
            T("f", "2025-07", null),
            T("g", "2025-06", null, "startup"),
            T("h", "2025-08", null),
            T("i", "2025-01-10", "2025-03", "rival", "uni"),
        };

        var r = AttritionCalculator.Compute(tenures, Jun1, Sep30, Sep30);

        Assert.Equal(["rival:2", "startup:1", "(unknown):1"], r.ByDestination.Select(s => $"{s.Key ?? "(unknown)"}:{s.Count}"));
        Assert.Equal(["rival:2/2", "(unknown):3/1", "uni:2/1", "startup:1/0"], r.ByCohort.Select(c => $"{c.CameFrom ?? "(unknown)"}:{c.Joined}/{c.Departed}"));
        Assert.Equal(4, r.Rate.Departures);
        Assert.Equal(8, r.Rate.SampleSize);
    }

    /// <summary>
    /// The calculator counts by binary search and month buckets; here the same figures are counted the plain way, a
    /// scan of every tenure per month, straight from the rules (midpoint placement, departure never before the join,
    /// nothing after as-of), on 2,000 random tenures at every precision, for several windows and as-of dates.
    /// </summary>
    [Theory]
    [InlineData(1, "2023-01-01", "2025-12-31", "2026-06-30")]
    [InlineData(2, "2024-03-01", "2024-05-31", "2024-05-20")]
    [InlineData(3, "2022-01-01", "2026-12-31", "2025-07-02")]
    [InlineData(4, "2025-06-01", "2025-09-30", "2027-01-01")]
    public void Counts_by_search_equal_a_scan_of_every_tenure(int seed, string from, string to, string asOfText)
    {
        var random = new Random(seed);
        string RandomDate()
        {
            var day = new DateOnly(2022, 1, 1).AddDays(random.Next(0, 5 * 365));
            return random.Next(4) switch
            {
                0 => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                1 => day.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
                2 => $"{day.Year}-Q{(day.Month + 2) / 3}",
                _ => day.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
        }

        string[] orgs = ["openai", "google", "apple", "xai"];
        var tenures = Enumerable.Range(0, 2000).Select(i => T($"p{i}",
            random.Next(10) == 0 ? null : RandomDate(),
            random.Next(3) == 0 ? null : RandomDate(),
            random.Next(3) == 0 ? null : orgs[random.Next(orgs.Length)],
            random.Next(3) == 0 ? null : orgs[random.Next(orgs.Length)])).ToList();
        var (start, end, asOf) = (DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(asOfText, System.Globalization.CultureInfo.InvariantCulture));

        var report = AttritionCalculator.Compute(tenures, start, end, asOf);

        // The plain way.
        var placed = tenures.Select(t =>
            {
                DateOnly? join = t.Start is { } s ? AttritionCalculator.PointOf(s) : null;
                DateOnly? leave = t.End is { } e ? AttritionCalculator.PointOf(e) : null;
                if (join is { } j && leave is { } l && l < j)
                {
                    leave = j;
                }

                return (Tenure: t, Join: join, Leave: leave);
            })
            .Where(p => p.Join is null || p.Join <= asOf)
            .Select(p => p.Leave is { } l && l > asOf ? (Tenure: p.Tenure with { End = null }, p.Join, Leave: (DateOnly?)null) : p)
            .ToList();
        int HeadcountOn(DateOnly day) => placed.Count(t => (t.Join is null || t.Join < day) && (t.Leave is null || t.Leave >= day));
        var last = end < asOf ? end : asOf;
        var expected = new List<string>();
        for (var m = new DateOnly(start.Year, start.Month, 1); m <= new DateOnly(last.Year, last.Month, 1); m = m.AddMonths(1))
        {
            var next = m.AddMonths(1);
            var joins = placed.Where(t => t.Join is { } j && j >= m && j < next).ToList();
            var leaves = placed.Where(t => t.Leave is { } l && l >= m && l < next).ToList();
            expected.Add($"{PartialDate.OfMonth(m.Year, m.Month).Label}: {HeadcountOn(m)} +{joins.Count}({joins.Count(t => t.Tenure.Start!.Value.Precision != DatePrecision.Day)}~) " +
                         $"-{leaves.Count}({leaves.Count(t => t.Tenure.End!.Value.Precision != DatePrecision.Day)}~) = {HeadcountOn(next)}");
        }

        Assert.Equal(expected, Series(report));
        Assert.NotEqual(0, report.Months.Sum(m => m.Departures));
        Assert.Equal(report.Departures.Count, report.Months.Sum(m => m.Departures));
        foreach (var row in report.ByCohort)
        {
            Assert.Equal(report.Departures.Count(d => d.CameFrom == row.CameFrom), row.Departed);
        }

        Assert.Equal(HeadcountOn(new DateOnly(2024, 2, 29)), AttritionCalculator.HeadcountOn(tenures, new DateOnly(2024, 2, 29), asOf));
    }
}
