using MetaAiTracker.Core.Domain;
using MetaAiTracker.Core.Services;
using MetaAiTracker.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace MetaAiTracker.Core.Tests;

/// <summary>
/// Pins the shipped dataset's headline numbers. The arithmetic, worked from the MSL tenures in meta-ai-2025.json
/// with the midpoint rule (a month's midpoint is its 1st + (days − 1) / 2: Jun → 15, Jul → 16, Aug → 16;
/// Q3 → Jul 1 + 91 / 2 = Aug 15; the year 2025 → Jul 2):
///
///   joins  June (8): Wang, Friedman, Mayer, Agarwal, Nayak, Maher, Wu, Liu   (2025-06 → Jun 15)
///          July (4): Pang, Wei, Chung (2025-07 → Jul 16), Sun (2025 → Jul 2)
///          Aug  (2): Verma, Knight (2025-Q3 → Aug 15)
///   leaves Aug  (8): Mayer, Agarwal, Nayak, Verma, Knight (2025-08 → Aug 16); Maher, Wu, Liu (2025-Q3 → Aug 15)
///
///   headcount  Jun 0 → 8, Jul 8 → 12, Aug 12 → 6 (12 + 2 − 8), Sep 6 → 6
///   average    ((0+8)/2 + (8+12)/2 + (12+6)/2 + (6+6)/2) / 4 = (4 + 10 + 9 + 6) / 4 = 7.25
///   rate       8 / 7.25 = 1.1034…  over 14 people
/// The as-of date is the latest date in the data: the article, dated 2025-09, ends on 30 Sep 2025.
/// </summary>
public sealed class ShippedDatasetHeadlineTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private AttritionService _attrition = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.WithShippedDatasetAsync();
        _attrition = new AttritionService(_database.Factory, new FakeTimeProvider(new DateTimeOffset(2026, 1, 15, 0, 0, 0, TimeSpan.Zero)));
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
        Assert.Equal(new DateOnly(2025, 9, 30), r.AsOf);
        Assert.Equal([0, 8, 12, 6], r.Months.Select(m => m.HeadcountStart));
        Assert.Equal([8, 4, 2, 0], r.Months.Select(m => m.Joins));
        Assert.Equal([0, 0, 8, 0], r.Months.Select(m => m.Departures));
        Assert.Equal(6, r.HeadcountAtEnd);
        Assert.Equal(8, r.Rate.Departures);
        Assert.Equal(7.25, r.Rate.AverageHeadcount, 6);
        Assert.Equal(14, r.Rate.SampleSize);
        Assert.Equal(8 / 7.25, r.Rate.Rate!.Value, 6);
    }
}
