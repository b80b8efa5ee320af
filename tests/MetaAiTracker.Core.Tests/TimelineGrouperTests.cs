using MetaAiTracker.Core.Domain;
using MetaAiTracker.Core.Services;

namespace MetaAiTracker.Core.Tests;

/// <summary>
/// Buckets of the grouped timeline, over the fixture's ten events (dates in FixtureDataset's table). A date coarser
/// than the bucket gets its own "…, month unknown" bucket; buckets are ordered by where their span ends, and among
/// buckets ending on the same day the finer (later-starting) one comes first.
/// </summary>
public sealed class TimelineGrouperTests(FixtureDatabase fixture) : IClassFixture<FixtureDatabase>
{
    private async Task<IReadOnlyList<TimelineItem>> AllEvents(SortOrder sort = SortOrder.Ascending) =>
        (await new TimelineService(fixture.Database.Factory).QueryAsync(new TimelineFilter { Sort = sort })).Items;

    private static string[] Describe(IReadOnlyList<TimelineGroup<TimelineItem>> groups) =>
        groups.Select(g => $"{g.Label}: {string.Join(' ', g.Items.Select(i => i.Slug))}").ToArray();

    [Fact]
    public async Task By_month_with_month_unknown_buckets_for_the_quarter_and_the_year()
    {
        var groups = TimelineGrouper.Group(await AllEvents(), i => i.Date, TimelineGrouping.Month);

        // Bucket spans and ends: Jun (ends Jun 30) · Jul (Jul 31) · Aug (Aug 31) · Sep (Sep 30, starts Sep 1)
        // · Q3 month unknown (Sep 30, starts Jul 1: same end as Sep, coarser, so after it) · Oct (Oct 31)
        // · 2025 month unknown (Dec 31). Within a bucket the items keep the timeline order.
        Assert.Equal(
        [
            "Jun 2025: core-team-formed",
            "Jul 2025: data-deal eve-joins-team",
            "Aug 2025: ann-lee-leaves label-complaints bo-chen-leaves",
            "Sep 2025: safety-review",
            "Q3 2025, month unknown: hiring-push",
            "Oct 2025: policy-update",
            "2025, month unknown: lab-founded",
        ], Describe(groups));

        Assert.Equal(["2025-06", "2025-07", "2025-08", "2025-09", "2025-Q3-unknown", "2025-10", "2025-unknown"], groups.Select(g => g.Key));
        Assert.Equal([false, false, false, false, true, false, true], groups.Select(g => g.IsImprecise));
        var q3 = groups[4];
        Assert.Equal((new DateOnly(2025, 7, 1), new DateOnly(2025, 9, 30)), (q3.Start, q3.End));
    }

    [Fact]
    public async Task By_quarter_with_a_quarter_unknown_bucket_for_the_year()
    {
        var groups = TimelineGrouper.Group(await AllEvents(), i => i.Date, TimelineGrouping.Quarter);

        // E3 (Jun 30) → Q2; E4 E2 E5 E7 E6 E8 E9 → Q3 (the quarter-precise E2 belongs in it); E10 (Oct) → Q4;
        // E1 (2025) → "2025, quarter unknown". Q4 and the year both end Dec 31; Q4 starts later, so it comes first.
        Assert.Equal(
        [
            "Q2 2025: core-team-formed",
            "Q3 2025: data-deal hiring-push eve-joins-team ann-lee-leaves label-complaints bo-chen-leaves safety-review",
            "Q4 2025: policy-update",
            "2025, quarter unknown: lab-founded",
        ], Describe(groups));
        Assert.Equal([false, false, false, true], groups.Select(g => g.IsImprecise));
    }

    [Fact]
    public async Task By_year_every_fixture_date_is_precise_enough()
    {
        var groups = TimelineGrouper.Group(await AllEvents(), i => i.Date, TimelineGrouping.Year);

        var only = Assert.Single(groups);
        Assert.Equal("2025", only.Label);
        Assert.False(only.IsImprecise);
        Assert.Equal(10, only.Items.Count);
    }

    [Fact]
    public async Task Descending_reverses_the_bucket_order()
    {
        var groups = TimelineGrouper.Group(await AllEvents(SortOrder.Descending), i => i.Date, TimelineGrouping.Month, SortOrder.Descending);

        Assert.Equal(
        [
            "2025, month unknown: lab-founded",
            "Oct 2025: policy-update",
            "Q3 2025, month unknown: hiring-push",
            "Sep 2025: safety-review",
            "Aug 2025: bo-chen-leaves label-complaints ann-lee-leaves",
            "Jul 2025: eve-joins-team data-deal",
            "Jun 2025: core-team-formed",
        ], Describe(groups));
    }

    [Fact]
    public void No_grouping_is_one_bucket_or_none()
    {
        var one = Assert.Single(TimelineGrouper.Group([PartialDate.OfYear(2025)], d => d, TimelineGrouping.None));
        Assert.Equal("all", one.Key);
        Assert.Empty(TimelineGrouper.Group(Array.Empty<PartialDate>(), d => d, TimelineGrouping.None));
        Assert.Empty(TimelineGrouper.Group(Array.Empty<PartialDate>(), d => d, TimelineGrouping.Month));
    }

    [Theory]
    [InlineData("2025-08-29", TimelineGrouping.Month, "2025-08", "Aug 2025", false)]
    [InlineData("2025-08", TimelineGrouping.Month, "2025-08", "Aug 2025", false)]
    [InlineData("2025-Q3", TimelineGrouping.Month, "2025-Q3-unknown", "Q3 2025, month unknown", true)]
    [InlineData("2025", TimelineGrouping.Month, "2025-unknown", "2025, month unknown", true)]
    [InlineData("2025-08-29", TimelineGrouping.Quarter, "2025-Q3", "Q3 2025", false)]
    [InlineData("2025-Q3", TimelineGrouping.Quarter, "2025-Q3", "Q3 2025", false)]
    [InlineData("2025", TimelineGrouping.Quarter, "2025-unknown", "2025, quarter unknown", true)]
    [InlineData("2025-Q3", TimelineGrouping.Year, "2025", "2025", false)]
    [InlineData("2025", TimelineGrouping.Year, "2025", "2025", false)]
    public void Bucket_of_each_precision(string date, TimelineGrouping grouping, string key, string label, bool imprecise)
    {
        var bucket = TimelineGrouper.BucketOf(PartialDate.Parse(date), grouping);

        Assert.Equal((key, label, imprecise), (bucket.Key, bucket.Label, bucket.IsImprecise));
    }
}
