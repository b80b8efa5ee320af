using MetaAiTracker.Core.Domain;
using MetaAiTracker.Core.Services;
using Microsoft.Extensions.Time.Testing;

namespace MetaAiTracker.Core.Tests;

/// <summary>
/// Pins the reported-vs-computed table and the overview over the shipped dataset (meta-ai-2025.json).
///
/// Computed attrition for MSL with the default request (the arithmetic of ShippedDatasetHeadlineTests): the first
/// placed join is June 15 (2025-06), so the window is June 2025 – June 2026 and as-of is the last event's 2026-06 → Jun 30.
///   average headcount 116 / 13; 9 departures / (116 / 13) = 117 / 116 = 100.9%, over the 19 people of MSL and its units.
///
/// Time to departure of the nine leavers, midpoint rule (2025-06 → Jun 15, 2025-08 → Aug 16, 2025-Q3 → Aug 15, 2025-11 → Nov 15):
///   Mayer, Agarwal, Nayak   2025-06 → 2025-08   Jun 15 → Aug 16 = 15 + 31 + 16 = 62 days
///   Maher, Wu, Liu          2025-06 → 2025-Q3   Jun 15 → Aug 15 = 15 + 31 + 15 = 61 days
///   Verma, Knight           2025-Q3 → 2025-08   Aug 15 → Aug 16 = 1 day
///   LeCun                   2025-06 → 2025-11   Jun 15 → Nov 15 = 15 + 31 + 31 + 30 + 31 + 15 = 153 days
///   sorted 1 1 61 61 61 62 62 62 153 → median, the 5th = 61 days
/// (The reported figure is Mayer's two months, 仅两个月; his own computed time is 62 days.)
/// </summary>
public sealed class ShippedDatasetFigureTests(ShippedDatabase shipped) : IClassFixture<ShippedDatabase>
{
    private static readonly FakeTimeProvider Today = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

    private AttritionService Attrition => new(shipped.Database.Factory, Today);

    private FigureService Figures => new(shipped.Database.Factory, Attrition);

    [Fact]
    public async Task Reported_versus_computed_table()
    {
        var rows = await Figures.CompareAsync();

        // Three attrition readings, then departures reported/computed, then time to departure reported/computed.
        Assert.Equal(
        [
            "attrition-rate/Reported", "attrition-rate/Derived", "attrition-rate/Computed",
            "departures/Reported", "departures/Computed",
            "time-to-departure/Reported", "time-to-departure/Computed",
        ], rows.Select(r => $"{r.Metric}/{r.Kind}"));

        // The article's 64%, disputed.
        var article = rows[0];
        Assert.Equal(("article-attrition-64", 64.0, "64%"), (article.FigureSlug, article.Value, article.Display));
        Assert.Equal(ClaimStatus.Disputed, article.Status);
        Assert.Equal("Unknown Chinese-language outlet", article.SourceName);
        Assert.Contains("64% is Meta's two-year retention", article.Caveat, StringComparison.Ordinal);

        // SignalFire's 64% two-year retention read as attrition: 100 − 64 = 36.
        var derived = rows[1];
        Assert.Equal(("signalfire-meta-retention-64", 36.0, "≈36%"), (derived.FigureSlug, derived.Value, derived.Display));
        // Its numbers were read on a re-post of a news write-up of SignalFire's report, not on SignalFire's own page.
        Assert.Equal(("two years", ClaimStatus.Reported, "const-ins"), (derived.Period, derived.Status, derived.SourceName));

        // The tracker's own rate: 9 / (116 / 13) over 19 people, June 2025 – June 2026.
        var computed = rows[2];
        Assert.Equal((9, 19), (computed.Numerator!.Value, computed.SampleSize!.Value));
        Assert.Equal(116 / 13.0, computed.Denominator!.Value, 9);
        Assert.Equal(100 * 117 / 116.0, computed.Value!.Value, 6);
        Assert.Equal("100.9%", computed.Display);
        Assert.Equal("1 Jun 2025 – 30 Jun 2026", computed.Period);
        Assert.Null(computed.Status);

        // Business Insider's eight departures since July, and the tracker's count of the same window.
        var reportedDepartures = rows[3];
        Assert.Equal(("msl-departures-8", 8.0, "8", "Business Insider"), (reportedDepartures.FigureSlug, reportedDepartures.Value, reportedDepartures.Display, reportedDepartures.SourceName));
        var computedDepartures = rows[4];
        Assert.Equal((9.0, "9", 9, 19), (computedDepartures.Value, computedDepartures.Display, computedDepartures.Numerator!.Value, computedDepartures.SampleSize!.Value));

        // Mayer's "two months" against the median of all eight leavers.
        var reportedTime = rows[5];
        Assert.Equal(("ruben-mayer-time-to-departure", 2.0, "2 months"), (reportedTime.FigureSlug, reportedTime.Value, reportedTime.Display));
        var computedTime = rows[6];
        Assert.Equal((61.0, "61 days", 9), (computedTime.Value, computedTime.Display, computedTime.SampleSize!.Value));
    }

    /// <summary>
    /// The splits docs/attrition.md quotes, from the cameFrom/wentTo of the tenures of MSL and its units in meta-ai-2025.json:
    ///   went to   openai: Nayak, Verma, Knight = 3; unknown: Mayer, Agarwal, Liu = 3; ami-labs: LeCun, anthropic: Maher,
    ///             memories-ai: Wu = 1 each (ties by name, unknown last)
    ///   came from meta: Agarwal, Nayak, Maher, Wu, Liu, LeCun = 6 joined, all 6 left; openai: Wei, Chung, Verma, Knight,
    ///             Zhao = 5, 2 left; scale-ai: Wang, Mayer = 2, 1 left; moltbook: Schlicht, Parr = 2, 0 left; unknown:
    ///             Friedman, Sun = 2, 0 left; apple: Pang and thinking-machines-lab: Tulloch = 1, 0 left
    /// </summary>
    [Fact]
    public async Task Msl_departures_by_destination_and_cohort()
    {
        var r = (await Attrition.ComputeAsync(new AttritionRequest()))!.Report;

        Assert.Equal(["openai:3", "(unknown):3", "ami-labs:1", "anthropic:1", "memories-ai:1"], r.ByDestination.Select(s => $"{s.Key ?? "(unknown)"}:{s.Count}"));
        Assert.Equal(["meta:6/6", "openai:5/2", "scale-ai:2/1", "moltbook:2/0", "(unknown):2/0", "apple:1/0", "thinking-machines-lab:1/0"],
            r.ByCohort.Select(c => $"{c.CameFrom ?? "(unknown)"}:{c.Joined}/{c.Departed}"));
    }

    [Fact]
    public async Task Mayer_computed_time_to_departure_is_62_days()
    {
        var result = await Attrition.ComputeAsync(new AttritionRequest());

        var mayer = Assert.Single(result!.Report.Departures, d => d.PersonSlug == "ruben-mayer");
        Assert.Equal(62, mayer.DaysToDeparture);
        Assert.False(mayer.IsExact);
        Assert.Equal(["1", "1", "61", "61", "61", "62", "62", "62", "153"],
            result.Report.Departures.Select(d => d.DaysToDeparture!.Value).Order().Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// Counted by hand in meta-ai-2025.json: six figures cite the article (source "article-zh") —
    /// scale-ai-investment-14-3b (¶5), celebrity-bot-interactions-10m and employee-made-bots-3 (¶12),
    /// ruben-mayer-time-to-departure (¶6), article-capex-72b and article-attrition-64 (¶14). The other 35 cite only
    /// public reporting.
    ///
    /// Latest events, newest first (start, then end, descending): wang-bloomberg-tech-summit (2026-06),
    /// may-2026-layoffs (2026-05), muse-spark-released (2026-04-08), q1-2026-results (2026-04, starting Apr 1), then of the
    /// four events known only to March 2026 (1–31 Mar, the same span) the two with the highest ids, avocado-delayed and
    /// meta-buys-moltbook.
    ///
    /// Events per theme are counted from the document itself (not through the services), and each event carries one to
    /// three themes, so the themes add up to more than the events.
    /// </summary>
    [Fact]
    public async Task Overview_key_figures_latest_events_and_theme_counts()
    {
        var timeline = new TimelineService(shipped.Database.Factory);
        var overview = await new OverviewService(shipped.Database.Factory, timeline, Figures, Attrition).GetAsync();

        Assert.Equal(
            ["article-attrition-64", "article-capex-72b", "celebrity-bot-interactions-10m", "employee-made-bots-3", "ruben-mayer-time-to-departure", "scale-ai-investment-14-3b"],
            overview.KeyFigures.Select(f => f.Slug).Order(StringComparer.Ordinal));
        Assert.All(overview.KeyFigures, f => Assert.Contains(f.Citations, c => c.Source.IsPrimary));

        var latest = overview.LatestEvents.Select(e => e.Slug).ToList();
        Assert.Equal(6, latest.Count);
        Assert.Equal(["wang-bloomberg-tech-summit", "may-2026-layoffs", "muse-spark-released", "q1-2026-results", "avocado-delayed", "meta-buys-moltbook"], latest);
        var starts = overview.LatestEvents.Select(e => e.Date.Start).ToList();
        Assert.Equal(starts.OrderDescending(), starts);

        var document = MetaAiTracker.Data.Dataset.ShippedDataset.Read().Document!;
        var perTheme = document.Events!.SelectMany(e => e.Themes!).GroupBy(t => t!).ToDictionary(g => g.Key, g => g.Count());
        Assert.NotNull(document.People);
        Assert.Equal(perTheme, overview.EventsPerTheme.ToDictionary(t => t.Theme.Slug, t => t.Count));
        Assert.Equal(7, perTheme.Count);
        Assert.True(overview.EventsPerTheme.Sum(t => t.Count) > overview.EventCount);

        Assert.Equal((document.Events!.Count, document.People!.Count, document.Sources!.Count), (overview.EventCount, overview.PeopleCount, overview.SourceCount));
        Assert.True(overview.EventCount >= 70, $"{overview.EventCount} events");
        Assert.NotNull(overview.Attrition);
        Assert.Equal(9, overview.Attrition.Report.Rate.Departures);
    }

    /// <summary>
    /// The newest figures of the later reporting, one per metric: the three of May 2026 (the job cuts, the staff moved, the
    /// roles closed) and the three of April 2026 (the raised 2026 guidance, first-quarter revenue, daily active people);
    /// nothing older, so the March 2026 AMI Labs round is not among them. How far the record reaches: its first event is
    /// Llama 4's release (2025-04, ending 30 April, before every event known only to 2025 ends), its last the Bloomberg
    /// Tech Summit (2026-06), its newest source the June 2026 report of it, and nobody has edited the loaded store.
    /// </summary>
    [Fact]
    public async Task Overview_latest_figures_and_how_far_the_record_reaches()
    {
        var overview = await new OverviewService(shipped.Database.Factory, new TimelineService(shipped.Database.Factory), Figures, Attrition).GetAsync();

        Assert.Equal(
            ["capex-guidance-fy2026-raised", "daily-active-people-q1-2026", "meta-jobs-cut-8000", "meta-open-roles-closed-6000", "meta-staff-moved-7000", "q1-2026-revenue"],
            overview.LatestFigures.Select(f => f.Slug).Order(StringComparer.Ordinal));
        Assert.Equal(["2026-05", "2026-05", "2026-05", "2026-04", "2026-04", "2026-04"], overview.LatestFigures.Select(f => f.AsOf!.Value.ToString()));
        Assert.DoesNotContain(overview.LatestFigures, f => f.Citations.Any(c => c.Source.IsPrimary));
        Assert.Equal(overview.LatestFigures.Count, overview.LatestFigures.Select(f => f.Metric).Distinct().Count());

        Assert.Equal(new RecordCoverage(PartialDate.Parse("2025-04"), PartialDate.Parse("2026-06"), PartialDate.Parse("2026-06"), null), overview.Coverage);
    }

    /// <summary>
    /// The figures page's series: every metric with figures at two or more dates, oldest first. 2025 capital expenditure:
    /// the July guidance (30 Jul 2025, US$66–72B), narrowed in October (US$70–72B), the outcome (28 Jan 2026, US$72.2B);
    /// 2026 guidance: January (US$115–135B), raised in April (US$125–145B); revenue over three quarters. The
    /// four labs' retention share one metric name per lab and one date each, and the three job cuts are three metrics:
    /// neither is a series.
    /// </summary>
    [Fact]
    public async Task Figure_series_show_each_revision_in_order()
    {
        var series = FigureSeries.Of(await Figures.ListAsync());

        // Ordered by their latest figure: January 2026, then the two ending in April 2026 by metric name.
        Assert.Equal(["capex-2025", "capex-2026", "quarterly-revenue"], series.Select(s => s.Metric));
        var capex2025 = series[0];
        Assert.Equal("2025 capital expenditure", capex2025.Title);
        Assert.Equal(["capex-guidance-fy2025", "capex-guidance-fy2025-narrowed", "capex-2025-actual"], capex2025.Figures.Select(f => f.Slug));
        Assert.Equal([(66m, (decimal?)72m), (70m, 72m), (72.2m, null)], capex2025.Figures.Select(f => (f.Value, f.ValueHigh)));
        Assert.Equal("2026 capital expenditure guidance", series[1].Title);
        Assert.Equal([(115m, (decimal?)135m), (125m, 145m)], series[1].Figures.Select(f => (f.Value, f.ValueHigh)));
        Assert.Equal("Revenue", series[2].Title);
        Assert.Equal(["q3-2025-revenue", "q4-2025-revenue", "q1-2026-revenue"], series[2].Figures.Select(f => f.Slug));
        Assert.All(series, s => Assert.Equal(s.Figures.Select(f => f.AsOf!.Value).Order(), s.Figures.Select(f => f.AsOf!.Value)));
    }
}
