using MetaAiTracker.Core.Domain;
using MetaAiTracker.Core.Services;
using MetaAiTracker.Data.Dataset;
using Microsoft.Extensions.Time.Testing;

namespace MetaAiTracker.Core.Tests;

/// <summary>
/// The attrition service over the <see cref="FixtureDataset"/>'s "lab" (with its sub-organisation "lab-team").
/// Tenures placed with the midpoint rule (2025-06 → Jun 15, 2025-07 → Jul 16, 2025-08 → Aug 16, 2025-Q3 → Aug 15,
/// 2025 → Jul 2):
///
///   ann-lee   lab        join Jun 15 (est.)  leave Aug 16 (est.)  rival → rival
///   bo-chen   lab        join Jun 2          leave Aug 29         uni → startup
///   cai-wen   lab-team   join Aug 15 (est.)  —                    rival
///   dan-ho    lab        (before)            leave Jul 16 (est.)  —
///   eve-sun   lab-team   join Jul 10         leave Aug 15 (est.)  — → rival
///   fay-wu    lab        join Aug 16 (est.)  —                    startup
///   gus-ma    lab        join Jul 2 (est.)   —                    uni
///   (ann-lee's later tenure at rival is not the lab's.)
///
/// The latest date in the data: the latest start among events and tenure dates is E10's "2025-10" (Oct 1; the year
/// "2025" starts Jan 1, ann-lee's rival tenure "2025-09" starts Sep 1). It is known to the month, so as-of is the
/// end of its span: 31 Oct 2025. The window starts with the month of the first join, bo-chen's Jun 2: June.
/// </summary>
public sealed class AttritionServiceTests(FixtureDatabase fixture) : IClassFixture<FixtureDatabase>
{
    private static readonly FakeTimeProvider January2026 = new(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero));

    private AttritionService Service(TimeProvider? time = null) => new(fixture.Database.Factory, time ?? January2026);

    private static string[] Series(AttritionReport r) =>
        r.Months.Select(m => $"{m.Label}: {m.HeadcountStart} +{m.Joins}({m.EstimatedJoins}~) -{m.Departures}({m.EstimatedDepartures}~) = {m.HeadcountEnd}").ToArray();

    /// <summary>
    /// With lab-team (all seven people), June–October 2025:
    ///   Jun: start {dan} = 1; joins ann (est.) bo = 2; end 3
    ///   Jul: start 3; joins eve, gus (est.) = 2; leaves dan (est.) = 1; end {ann bo eve gus} = 4
    ///   Aug: start 4; joins cai (est.) fay (est.) = 2; leaves eve (est.) ann (est.) bo = 3; end {gus cai fay} = 3
    ///   Sep: 3 → 3 · Oct: 3 → 3
    ///   average ((1+3)/2 + (3+4)/2 + (4+3)/2 + 3 + 3) / 5 = (2 + 3.5 + 3.5 + 3 + 3) / 5 = 15 / 5 = 3
    ///   rate 4 / 3, sample 7
    /// Departures in order of when they left (dan 2025-07, eve 2025-Q3, ann 2025-08, bo 2025-08-29):
    ///   dan —; eve Jul 10 → Aug 15 = 21 + 15 = 36; ann Jun 15 → Aug 16 = 62; bo Jun 2 → Aug 29 = 88 (exact).
    ///   median of 36, 62, 88 = 62.
    /// By destination: rival (eve, ann) 2, startup (bo) 1, unknown (dan) 1.
    /// By cohort: unknown {dan eve} 2 joined / 2 left; rival {ann cai} 2/1; uni {bo gus} 2/1; startup {fay} 1/0.
    /// </summary>
    [Fact]
    public async Task Lab_with_its_sub_organisation_by_default()
    {
        var result = await Service().ComputeAsync(new AttritionRequest { Organization = FixtureDataset.Lab });

        Assert.NotNull(result);
        Assert.Equal(("lab", "FL"), (result.Organization.Slug, result.Organization.Name));
        Assert.Equal(["lab", "lab-team"], result.IncludedOrganizations.Select(o => o.Slug).Order(StringComparer.Ordinal));

        var r = result.Report;
        Assert.Equal(new DateOnly(2025, 10, 31), r.AsOf);
        Assert.Equal((new DateOnly(2025, 6, 1), new DateOnly(2025, 10, 31)), (r.WindowStart, r.WindowEnd));
        Assert.Equal(
        [
            "Jun 2025: 1 +2(1~) -0(0~) = 3",
            "Jul 2025: 3 +2(1~) -1(1~) = 4",
            "Aug 2025: 4 +2(2~) -3(2~) = 3",
            "Sep 2025: 3 +0(0~) -0(0~) = 3",
            "Oct 2025: 3 +0(0~) -0(0~) = 3",
        ], Series(r));
        Assert.Equal(3, r.HeadcountAtEnd);
        Assert.Equal(7, r.TenuresConsidered);
        Assert.Equal(4, r.Rate.Departures);
        Assert.Equal(3.0, r.Rate.AverageHeadcount, 9);
        Assert.Equal(7, r.Rate.SampleSize);
        Assert.Equal(4 / 3.0, r.Rate.Rate!.Value, 9);

        Assert.Equal(["dan-ho:-", "eve-sun:36", "ann-lee:62", "bo-chen:88"],
            r.Departures.Select(d => $"{d.PersonSlug}:{d.DaysToDeparture?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}"));
        Assert.Equal(62.0, r.MedianDaysToDeparture);
        Assert.Equal(["rival:2", "startup:1", "(unknown):1"], r.ByDestination.Select(s => $"{s.Key ?? "(unknown)"}:{s.Count}"));
        Assert.Equal(["(unknown):2/2", "rival:2/1", "uni:2/1", "startup:1/0"], r.ByCohort.Select(c => $"{c.CameFrom ?? "(unknown)"}:{c.Joined}/{c.Departed}"));

        Assert.Equal("Rival AI", result.NameOf("rival"));
        Assert.Equal("Unknown", result.NameOf(null));
    }

    /// <summary>
    /// Without lab-team (ann, bo, dan, fay, gus), June–October 2025:
    ///   Jun: 1 +2 = 3 · Jul: 3 +1 (gus) −1 (dan) = 3 · Aug: 3 +1 (fay) −2 (ann, bo) = 2 · Sep: 2 · Oct: 2
    ///   average (2 + 3 + 2.5 + 2 + 2) / 5 = 11.5 / 5 = 2.3; rate 3 / 2.3, sample 5
    /// </summary>
    [Fact]
    public async Task Lab_without_its_sub_organisation()
    {
        var result = await Service().ComputeAsync(new AttritionRequest { Organization = FixtureDataset.Lab, IncludeSubOrganizations = false });

        Assert.NotNull(result);
        Assert.Equal(["lab"], result.IncludedOrganizations.Select(o => o.Slug));
        var r = result.Report;
        Assert.Equal(
        [
            "Jun 2025: 1 +2(1~) -0(0~) = 3",
            "Jul 2025: 3 +1(1~) -1(1~) = 3",
            "Aug 2025: 3 +1(1~) -2(1~) = 2",
            "Sep 2025: 2 +0(0~) -0(0~) = 2",
            "Oct 2025: 2 +0(0~) -0(0~) = 2",
        ], Series(r));
        Assert.Equal(3, r.Rate.Departures);
        Assert.Equal(2.3, r.Rate.AverageHeadcount, 9);
        Assert.Equal(5, r.Rate.SampleSize);
        Assert.Equal(["dan-ho", "ann-lee", "bo-chen"], r.Departures.Select(d => d.PersonSlug));
    }

    /// <summary>lab-team alone: cai (Aug 15) and eve (Jul 10 → Aug 15). The window starts with eve's join: July.</summary>
    [Fact]
    public async Task A_sub_organisation_on_its_own()
    {
        var result = await Service().ComputeAsync(new AttritionRequest { Organization = FixtureDataset.LabTeam });

        Assert.NotNull(result);
        Assert.Equal(["lab-team"], result.IncludedOrganizations.Select(o => o.Slug));
        Assert.Equal(new DateOnly(2025, 7, 1), result.Report.WindowStart);
        Assert.Equal(["eve-sun"], result.Report.Departures.Select(d => d.PersonSlug));
        Assert.Equal(1, result.Report.HeadcountAtEnd);
    }

    [Fact]
    public async Task An_unknown_organisation_gives_null()
    {
        Assert.Null(await Service().ComputeAsync(new AttritionRequest { Organization = "no-such-lab" }));
    }

    /// <summary>
    /// June–August only: the three first months of the default report, (2 + 3.5 + 3.5) / 3 = 3; 4 departures.
    /// </summary>
    [Fact]
    public async Task An_explicit_window()
    {
        var result = await Service().ComputeAsync(new AttritionRequest
        {
            Organization = FixtureDataset.Lab, From = PartialDate.Parse("2025-06"), To = PartialDate.Parse("2025-08"),
        });

        var r = result!.Report;
        Assert.Equal((new DateOnly(2025, 6, 1), new DateOnly(2025, 8, 31)), (r.WindowStart, r.WindowEnd));
        Assert.Equal(3, r.Months.Count);
        Assert.Equal(3.0, r.Rate.AverageHeadcount, 9);
        Assert.Equal(4, r.Rate.Departures);
    }

    [Fact]
    public async Task Default_as_of_is_the_latest_date_in_the_data()
    {
        await using var db = fixture.Database.CreateContext();

        Assert.Equal(new DateOnly(2025, 10, 31), await Service().LatestDateInDataAsync(db));
    }

    /// <summary>
    /// Today 20 Aug 2025 is before the data's 31 Oct: as-of is today. Then bo-chen's departure (Aug 29) has not
    /// happened yet and he counts as present; the window runs June–August.
    ///   Jun: 1 +2 = 3 · Jul: 3 +2 −1 = 4 · Aug: 4 +2 (cai, fay) −2 (eve, ann) = 4
    /// </summary>
    [Fact]
    public async Task Default_as_of_is_never_later_than_today()
    {
        var today = new FakeTimeProvider(new DateTimeOffset(2025, 8, 20, 9, 0, 0, TimeSpan.Zero));
        var service = Service(today);
        await using (var db = fixture.Database.CreateContext())
        {
            Assert.Equal(new DateOnly(2025, 8, 20), await service.LatestDateInDataAsync(db));
        }

        var r = (await service.ComputeAsync(new AttritionRequest { Organization = FixtureDataset.Lab }))!.Report;

        Assert.Equal(new DateOnly(2025, 8, 20), r.AsOf);
        Assert.Equal((new DateOnly(2025, 6, 1), new DateOnly(2025, 8, 31)), (r.WindowStart, r.WindowEnd));
        Assert.Equal(["Jun 2025: 1 +2(1~) -0(0~) = 3", "Jul 2025: 3 +2(1~) -1(1~) = 4", "Aug 2025: 4 +2(2~) -2(2~) = 4"], Series(r));
        Assert.Equal(["dan-ho", "eve-sun", "ann-lee"], r.Departures.Select(d => d.PersonSlug));
        Assert.Equal(4, r.HeadcountAtEnd);
    }

    [Fact]
    public async Task An_explicit_as_of_is_taken_to_the_end_of_its_span()
    {
        var r = (await Service().ComputeAsync(new AttritionRequest { Organization = FixtureDataset.Lab, AsOf = PartialDate.Parse("2025-08") }))!.Report;

        // As of Aug 31 every August departure (eve Aug 15, ann Aug 16, bo Aug 29) has happened.
        Assert.Equal(new DateOnly(2025, 8, 31), r.AsOf);
        Assert.Equal(4, r.Rate.Departures);
    }

    /// <summary>
    /// A later event known only to a quarter, "2026-Q1": its start (Jan 1 2026) is the latest start, and a quarter is
    /// coarser than a month, so the as-of date is that start — not Mar 31, which the data does not speak for.
    /// </summary>
    [Fact]
    public async Task A_latest_date_coarser_than_a_month_counts_from_its_start()
    {
        var document = FixtureDataset.Build();
        document = document with
        {
            Events =
            [
                .. document.Events!,
                new EventDto
                {
                    Slug = "outlook-2026", Date = "2026-Q1", Themes = ["talent"], TitleEn = "Outlook", TitleZh = "展望",
                    SummaryEn = "Plans for early 2026.", SummaryZh = "2026年初的计划。", Status = "reported",
                    Citations = [new CitationDto { Kind = "quote", Source = "article", Quote = "明年初的计划。", QuoteEn = "Plans for early next year.", Locator = "¶10" }],
                },
            ],
        };
        using var database = await FixtureDataset.LoadAsync(document);
        await using var db = database.CreateContext();

        var service = new AttritionService(database.Factory, new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero)));

        Assert.Equal(new DateOnly(2026, 1, 1), await service.LatestDateInDataAsync(db));
    }
}
