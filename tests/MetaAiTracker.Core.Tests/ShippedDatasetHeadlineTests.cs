using MetaAiTracker.Core.Domain;
using MetaAiTracker.Core.Services;
using MetaAiTracker.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace MetaAiTracker.Core.Tests;

/// <summary>
/// Pins the shipped dataset's headline numbers. The arithmetic, worked from the tenures of MSL and its units (TBD Lab,
/// FAIR, …) in meta-ai-2025.json with the midpoint rule (a month's midpoint is its 1st + (days − 1) / 2: Jun → 15,
/// Jul → 16, Aug → 16, Oct → 16, Nov → 15, Mar → 16; Q3 → Jul 1 + 91 / 2 = Aug 15; the year 2025 → Jul 2). The 19 people:
///
///   joins  2025-06 (10): Wang, Friedman, Mayer, Agarwal, Nayak, Maher, Wu, Liu, Zhao, LeCun (FAIR joins MSL)  → Jun 15
///          2025-07 (4):  Pang, Wei, Chung (→ Jul 16), Sun (2025 → Jul 2)
///          2025-08 (2):  Verma, Knight (2025-Q3 → Aug 15)
///          2025-10 (1):  Tulloch (TBD Lab) → Oct 16
///          2026-03 (2):  Schlicht, Parr (with Moltbook) → Mar 16
///   leaves 2025-08 (8):  Mayer, Agarwal, Nayak, Verma, Knight (→ Aug 16); Maher, Wu, Liu (2025-Q3 → Aug 15)
///          2025-11 (1):  LeCun → Nov 15
///
/// June–September 2025 (the article's months):
///   headcount  Jun 0 → 10, Jul 10 → 14, Aug 14 → 8 (14 + 2 − 8), Sep 8 → 8
///   average    ((0+10)/2 + (10+14)/2 + (14+8)/2 + (8+8)/2) / 4 = (5 + 12 + 11 + 8) / 4 = 9
///   rate       8 / 9 = 0.888…  over the 16 people there in those months (Tulloch, Schlicht and Parr came later)
///
/// The whole record, June 2025 – June 2026 (13 months):
///   headcount  Jun 0→10, Jul 10→14, Aug 14→8, Sep 8→8, Oct 8→9, Nov 9→8, Dec–Feb 8→8, Mar 8→10, Apr–Jun 10→10
///   average    (5 + 12 + 11 + 8 + 8.5 + 8.5 + 8 + 8 + 8 + 9 + 10 + 10 + 10) / 13 = 116 / 13 = 8.923…
///   rate       9 / (116 / 13) = 117 / 116 = 1.0086…  over all 19
/// The as-of date is the latest date in the data: the last event, dated 2026-06, ends on 30 June 2026.
/// </summary>
public sealed class ShippedDatasetHeadlineTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private AttritionService _attrition = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.WithShippedDatasetAsync();
        _attrition = new AttritionService(_database.Factory, new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Msl_departures_june_to_september_2025_and_headcount_at_the_end()
    {
        var result = await _attrition.ComputeAsync(new AttritionRequest
        {
            From = PartialDate.Parse("2025-06"),
            To = PartialDate.Parse("2025-09"),
        });

        Assert.NotNull(result);
        var r = result.Report;
        Assert.Equal(new DateOnly(2026, 6, 30), r.AsOf);
        Assert.Equal([0, 10, 14, 8], r.Months.Select(m => m.HeadcountStart));
        Assert.Equal([10, 4, 2, 0], r.Months.Select(m => m.Joins));
        Assert.Equal([0, 0, 8, 0], r.Months.Select(m => m.Departures));
        Assert.Equal(8, r.HeadcountAtEnd);
        Assert.Equal(8, r.Rate.Departures);
        Assert.Equal(9, r.Rate.AverageHeadcount, 6);
        Assert.Equal(16, r.Rate.SampleSize);
        Assert.Equal(8 / 9.0, r.Rate.Rate!.Value, 6);
    }

    [Fact]
    public async Task The_default_window_covers_the_whole_record_with_the_later_joins_and_LeCuns_departure()
    {
        var r = (await _attrition.ComputeAsync(new AttritionRequest()))!.Report;

        Assert.Equal((new DateOnly(2025, 6, 1), new DateOnly(2026, 6, 30), new DateOnly(2026, 6, 30)), (r.WindowStart, r.WindowEnd, r.AsOf));
        Assert.Equal(13, r.Months.Count);
        Assert.Equal([0, 10, 14, 8, 8, 9, 8, 8, 8, 8, 10, 10, 10], r.Months.Select(m => m.HeadcountStart));
        Assert.Equal([10, 4, 2, 0, 1, 0, 0, 0, 0, 2, 0, 0, 0], r.Months.Select(m => m.Joins));
        Assert.Equal([0, 0, 8, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0], r.Months.Select(m => m.Departures));
        Assert.Equal(10, r.HeadcountAtEnd);
        Assert.Equal((9, 19), (r.Rate.Departures, r.Rate.SampleSize));
        Assert.Equal(116 / 13.0, r.Rate.AverageHeadcount, 9);
        Assert.Equal(117 / 116.0, r.Rate.Rate!.Value, 9);
        Assert.Equal("yann-lecun", r.Departures[^1].PersonSlug);
    }
}
