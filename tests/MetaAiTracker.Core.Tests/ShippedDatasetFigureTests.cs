using MetaAiTracker.Core.Domain;
using MetaAiTracker.Core.Services;
using Microsoft.Extensions.Time.Testing;

namespace MetaAiTracker.Core.Tests;

/// <summary>
/// Pins the reported-vs-computed table and the overview over the shipped dataset (meta-ai-2025.json).
///
/// Computed attrition for MSL with the default request (the arithmetic of ShippedDatasetHeadlineTests): the first
/// placed join is June 15 (2025-06), so the window is June–September 2025 and as-of is the article's 2025-09 → Sep 30.
///   headcount Jun 0 → 8, Jul 8 → 12, Aug 12 → 6, Sep 6 → 6; average (4 + 10 + 9 + 6) / 4 = 7.25
///   8 departures / 7.25 = 110.3%, over the 14 people with an MSL tenure.
///
/// Time to departure of the eight leavers, midpoint rule (2025-06 → Jun 15, 2025-08 → Aug 16, 2025-Q3 → Aug 15):
///   Mayer, Agarwal, Nayak   2025-06 → 2025-08   Jun 15 → Aug 16 = 15 + 31 + 16 = 62 days
///   Maher, Wu, Liu          2025-06 → 2025-Q3   Jun 15 → Aug 15 = 15 + 31 + 15 = 61 days
///   Verma, Knight           2025-Q3 → 2025-08   Aug 15 → Aug 16 = 1 day
///   sorted 1 1 61 61 61 62 62 62 → median of the 4th and 5th = (61 + 61) / 2 = 61 days
/// (The reported figure is Mayer's "two months"; his own computed time is 62 days.)
/// </summary>
public sealed class ShippedDatasetFigureTests(ShippedDatabase shipped) : IClassFixture<ShippedDatabase>
{
    private static readonly FakeTimeProvider Today = new(new DateTimeOffset(2026, 1, 15, 0, 0, 0, TimeSpan.Zero));

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

        // The tracker's own rate: 8 / 7.25 over 14 people, June–September 2025.
        var computed = rows[2];
        Assert.Equal((8, 14), (computed.Numerator!.Value, computed.SampleSize!.Value));
        Assert.Equal(7.25, computed.Denominator!.Value, 9);
        Assert.Equal(800 / 7.25, computed.Value!.Value, 6);
        Assert.Equal("110.3%", computed.Display);
        Assert.Equal("1 Jun 2025 – 30 Sep 2025", computed.Period);
        Assert.Null(computed.Status);

        // Business Insider's eight departures since July, and the tracker's count of the same window.
        var reportedDepartures = rows[3];
        Assert.Equal(("msl-departures-8", 8.0, "8", "Business Insider"), (reportedDepartures.FigureSlug, reportedDepartures.Value, reportedDepartures.Display, reportedDepartures.SourceName));
        var computedDepartures = rows[4];
        Assert.Equal((8.0, "8", 8, 14), (computedDepartures.Value, computedDepartures.Display, computedDepartures.Numerator!.Value, computedDepartures.SampleSize!.Value));

        // Mayer's "two months" against the median of all eight leavers.
        var reportedTime = rows[5];
        Assert.Equal(("ruben-mayer-time-to-departure", 2.0, "2 months"), (reportedTime.FigureSlug, reportedTime.Value, reportedTime.Display));
        var computedTime = rows[6];
        Assert.Equal((61.0, "61 days", 8), (computedTime.Value, computedTime.Display, computedTime.SampleSize!.Value));
    }

    /// <summary>
    /// The splits docs/attrition.md quotes, from the MSL tenures' cameFrom/wentTo in meta-ai-2025.json:
    ///   went to   unknown: Mayer, Agarwal, Wu, Liu = 4; openai: Nayak, Verma, Knight = 3; anthropic: Maher = 1
    ///   came from meta: Agarwal, Nayak, Maher, Wu, Liu = 5 joined, all 5 left; openai: Wei, Chung, Verma, Knight = 4,
    ///             2 left; scale-ai: Wang, Mayer = 2, 1 left; unknown: Friedman, Sun = 2, 0 left; apple: Pang = 1, 0 left
    /// </summary>
    [Fact]
    public async Task Msl_departures_by_destination_and_cohort()
    {
        var r = (await Attrition.ComputeAsync(new AttritionRequest()))!.Report;

        Assert.Equal(["(unknown):4", "openai:3", "anthropic:1"], r.ByDestination.Select(s => $"{s.Key ?? "(unknown)"}:{s.Count}"));
        Assert.Equal(["meta:5/5", "openai:4/2", "scale-ai:2/1", "(unknown):2/0", "apple:1/0"],
            r.ByCohort.Select(c => $"{c.CameFrom ?? "(unknown)"}:{c.Joined}/{c.Departed}"));
    }

    [Fact]
    public async Task Mayer_computed_time_to_departure_is_62_days()
    {
        var result = await Attrition.ComputeAsync(new AttritionRequest());

        var mayer = Assert.Single(result!.Report.Departures, d => d.PersonSlug == "ruben-mayer");
        Assert.Equal(62, mayer.DaysToDeparture);
        Assert.False(mayer.IsExact);
        Assert.Equal(["1", "1", "61", "61", "61", "62", "62", "62"],
            result.Report.Departures.Select(d => d.DaysToDeparture!.Value).Order().Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// Counted by hand in meta-ai-2025.json: six figures cite the article (source "article-zh") —
    /// scale-ai-investment-14-3b (¶5), celebrity-bot-interactions-10m and employee-made-bots-3 (¶12),
    /// ruben-mayer-time-to-departure (¶6), article-capex-72b and article-attrition-64 (¶14). The other ten cite only
    /// public reporting.
    ///
    /// Latest events, newest first (start, then end, descending): the three "2025-09" events (regulatory-legal-risk,
    /// article-capex-up-to-72b, article-attrition-64-claim; same span, so their order among themselves is by id), then
    /// rishabh-agarwal-leaves (2025-08-25), midjourney-licensing (2025-08-22), then of the eleven events known only to
    /// August 2025 (1–31 Aug, all the same span) the one with the highest id, msl-eight-departures.
    ///
    /// Events per theme: talent 14, partnerships 7, models-open-source 5, capital-markets 5, organization-culture 4,
    /// ethics-regulation 4, data-quality 2 — 41 in all for 30 events, since many events carry two themes.
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
        Assert.Equal(["article-attrition-64-claim", "article-capex-up-to-72b", "regulatory-legal-risk"], latest.Take(3).Order(StringComparer.Ordinal));
        Assert.Equal(["rishabh-agarwal-leaves", "midjourney-licensing", "msl-eight-departures"], latest.Skip(3));
        var starts = overview.LatestEvents.Select(e => e.Date.Start).ToList();
        Assert.Equal(starts.OrderDescending(), starts);

        Assert.Equal(new Dictionary<string, int>
        {
            ["talent"] = 14, ["partnerships"] = 7, ["models-open-source"] = 5, ["capital-markets"] = 5,
            ["organization-culture"] = 4, ["ethics-regulation"] = 4, ["data-quality"] = 2,
        }, overview.EventsPerTheme.ToDictionary(t => t.Theme.Slug, t => t.Count));
        Assert.Equal(41, overview.EventsPerTheme.Sum(t => t.Count));
        Assert.True(overview.EventsPerTheme.Sum(t => t.Count) >= overview.EventCount);

        // 30 sources: the article and the 29 pages read for the 17 reports the article is dated with.
        Assert.Equal((30, 20, 30), (overview.EventCount, overview.PeopleCount, overview.SourceCount));
        Assert.NotNull(overview.Attrition);
        Assert.Equal(8, overview.Attrition.Report.Rate.Departures);
    }
}
