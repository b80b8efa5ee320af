using Bunit;
using MetaAiTracker.Core.Domain;
using MetaAiTracker.Core.Services;
using MetaAiTracker.Web.Components.Pages;
using MetaAiTracker.Web.Components.Pages.About;
using MetaAiTracker.Web.Components.Shared;

namespace MetaAiTracker.Web.Tests;

/// <summary>The overview and the About page say how far the record reaches, from the store, in the same words; the overview shows the newest figures.</summary>
public sealed class CoverageLineTests(ShippedDatasetFixture fixture) : BunitTestBase(fixture)
{
    [Fact]
    public async Task The_overview_and_the_about_page_give_the_span_the_store_holds()
    {
        var coverage = await Service<OverviewService>().CoverageAsync();
        Assert.Equal((PartialDate.Parse("2025-04"), PartialDate.Parse("2026-06")), (coverage.FirstEvent!.Value, coverage.LastEvent!.Value));

        const string Expected = "Events from Apr 2025 to Jun 2026; the newest source was published Jun 2026; no change since the dataset was loaded.";
        var home = Render<Home>();
        home.WaitForAssertion(() => Assert.Equal(Expected, Squash(home.Find("[data-testid=coverage]").TextContent)));
        // The overview reaches the present in its figures too: the newest of the later reporting, each with its date.
        var overview = await Service<OverviewService>().GetAsync();
        var cards = home.FindAll("[data-testid=latest-figure]");
        Assert.Equal(overview.LatestFigures.Select(f => f.Display), cards.Select(c => c.QuerySelector(".figure-value")!.TextContent.Trim()));
        Assert.All(cards, c => Assert.StartsWith("as of ", c.QuerySelector(".muted")!.TextContent.Trim(), StringComparison.Ordinal));

        var about = Render<AboutPage>();
        about.WaitForAssertion(() => Assert.Equal(Expected, Squash(about.Find("[data-testid=coverage]").TextContent)));
    }

    [Fact]
    public void An_edited_store_gives_the_day_of_its_last_change_and_an_empty_one_says_so()
    {
        var edited = new RecordCoverage(PartialDate.Parse("2025"), PartialDate.Parse("2026-07-02"), PartialDate.Parse("2026-07-01"),
            new DateTimeOffset(2026, 7, 3, 23, 30, 0, TimeSpan.FromHours(-4)));

        var cut = Render<CoverageLine>(p => p.Add(x => x.Coverage, edited));

        // 23:30 at UTC−4 is 03:30 the next day in UTC, the day the page gives.
        Assert.Equal("Events from 2025 to 2 Jul 2026; the newest source was published 1 Jul 2026; last change on 4 Jul 2026.", Squash(cut.Find("p").TextContent));
        Assert.Equal("2026-07-04T03:30Z", cut.FindAll("time")[^1].GetAttribute("datetime"));

        var empty = Render<CoverageLine>(p => p.Add(x => x.Coverage, new RecordCoverage(null, null, null, null)));
        Assert.Equal("No events yet; no change since the dataset was loaded.", Squash(empty.Find("p").TextContent));
    }

    private static string Squash(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Replace(" ;", ";", StringComparison.Ordinal).Trim();
}
