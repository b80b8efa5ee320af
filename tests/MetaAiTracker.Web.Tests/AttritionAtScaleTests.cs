using System.Globalization;
using Bunit;
using MetaAiTracker.Benchmarks;
using MetaAiTracker.Core.Services;
using MetaAiTracker.Tests.Shared;
using MetaAiTracker.Web.Components.Pages.Attrition;
using MetaAiTracker.Web.Components.Shared;
using MudBlazor;

namespace MetaAiTracker.Web.Tests;

/// <summary>A store with hundreds of leavers from MSL (a generated dataset), shared read-only by the tests below.</summary>
public sealed class ManyLeaversFixture : IAsyncLifetime
{
    public TestDatabase Database { get; } = new();

    public Task InitializeAsync() => Database.LoadAsync(SyntheticDataset.Generate(6000, seed: 5));

    public Task DisposeAsync()
    {
        Database.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// The attrition page with more leavers than bars fit: the time chart becomes a histogram whose bins hold every timed
/// leaver once, and the long tables render a page of rows with a button for the next, never every row at once.
/// </summary>
public sealed class AttritionAtScaleTests(ManyLeaversFixture fixture) : BunitTestBase(fixture.Database), IClassFixture<ManyLeaversFixture>
{
    private IRenderedComponent<AttritionPage> RenderPage()
    {
        NavigateTo("/attrition");
        Render<MudPopoverProvider>();
        var cut = Render<AttritionPage>();
        cut.WaitForElement("[data-testid=table-headcount]", TimeSpan.FromSeconds(30));
        return cut;
    }

    private async Task<AttritionResult> ServiceResultAsync() => (await Service<AttritionService>().ComputeAsync(new AttritionRequest()))!;

    [Fact]
    public async Task Past_the_bar_limit_time_to_departure_is_a_histogram_that_counts_every_timed_leaver_once()
    {
        var report = (await ServiceResultAsync()).Report;
        var days = report.Departures.Where(d => d.DaysToDeparture is not null).Select(d => d.DaysToDeparture!.Value).ToList();
        Assert.True(days.Count > AttritionCharts.MaxBars * 2, $"the generated store should have many timed leavers, has {days.Count}");

        var cut = RenderPage();
        var chart = cut.FindComponents<MudChart<double>>()[2].Instance;
        var counts = Assert.Single(chart.ChartSeries).Data.Values.ToList();
        Assert.InRange(counts.Count, 2, AttritionCharts.MaxBins);
        Assert.Equal(days.Count, counts.Sum());

        // Each bin, read back from its label, holds exactly the leavers whose stay falls in it; bins are equal and adjacent.
        var bins = chart.ChartLabels.Select(label =>
        {
            var parts = label.TrimEnd(' ', 'd').Split('–');
            return (From: int.Parse(parts[0], CultureInfo.InvariantCulture), To: int.Parse(parts[1], CultureInfo.InvariantCulture));
        }).ToList();
        Assert.Equal(0, bins[0].From);
        Assert.Contains(days.Max(), Enumerable.Range(bins[^1].From, bins[^1].To - bins[^1].From + 1));
        for (var i = 0; i < bins.Count; i++)
        {
            Assert.Equal(days.Count(d => d >= bins[i].From && d <= bins[i].To), counts[i]);
            Assert.Equal(bins[0].To - bins[0].From, bins[i].To - bins[i].From);
            if (i > 0)
            {
                Assert.Equal(bins[i - 1].To + 1, bins[i].From);
            }
        }

        // The histogram's numbers are in a table too, and the note says what the bars are.
        Assert.Equal(counts.Select(c => c.ToString(CultureInfo.InvariantCulture)),
            cut.FindAll("[data-testid=time-bin-count]").Select(td => td.TextContent.Trim()));
        Assert.Contains("in spans of", cut.Find("[data-testid=time-histogram-note]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_departures_table_shows_a_page_of_rows_and_the_button_adds_the_next_until_all_are_shown()
    {
        var report = (await ServiceResultAsync()).Report;
        var total = report.Departures.Count;
        Assert.True(total > MoreRows.PageRows * 2, $"the generated store should have more than two pages of leavers, has {total}");

        var cut = RenderPage();
        string[] Names() => cut.FindAll("[data-testid=table-time-to-departure] tbody tr").Select(tr => tr.Children[0].TextContent.Trim()).ToArray();

        Assert.Equal(report.Departures.Take(MoreRows.PageRows).Select(d => d.PersonName), Names());
        Assert.Equal($"Showing {MoreRows.PageRows} of {total:N0} departures.",
            cut.Find("[data-testid=more-departures] .more-rows-count").TextContent.Trim(), ignoreCase: false);

        var shown = MoreRows.PageRows;
        while (shown < total)
        {
            cut.Find("[data-testid=more-departures-button]").Click();
            shown = Math.Min(total, shown + MoreRows.PageRows);
            cut.WaitForAssertion(() => Assert.Equal(report.Departures.Take(shown).Select(d => d.PersonName), Names()));
        }

        // All shown: the bar says so and its button (still where focus was) collapses the table to its first page.
        Assert.Equal($"Showing all {total:N0} departures.", cut.Find("[data-testid=more-departures] .more-rows-count").TextContent.Trim());
        Assert.Contains("Show the first 50 only", cut.Find("[data-testid=more-departures-button]").TextContent, StringComparison.Ordinal);
        cut.Find("[data-testid=more-departures-button]").Click();
        cut.WaitForAssertion(() => Assert.Equal(report.Departures.Take(MoreRows.PageRows).Select(d => d.PersonName), Names()));

        // The other tables kept their own first page.
        Assert.Equal(Math.Min(report.ByCohort.Count, MoreRows.PageRows), cut.FindAll("[data-testid=table-cohort] tbody tr").Count);
        Assert.Equal(Math.Min(report.Months.Count, 24), cut.FindAll("[data-testid=table-headcount] tbody tr").Count);
    }

    [Fact]
    public async Task The_more_rows_bar_links_to_the_same_view_in_the_api()
    {
        var request = new AttritionRequest { From = Core.Domain.PartialDate.OfMonth(2022, 1) };
        var report = (await Service<AttritionService>().ComputeAsync(request))!.Report;
        Assert.True(report.Departures.Count > MoreRows.PageRows);
        NavigateTo("/attrition?from=2022-01");
        Render<MudPopoverProvider>();
        var cut = Render<AttritionPage>();
        cut.WaitForElement("[data-testid=table-headcount]", TimeSpan.FromSeconds(30));

        Assert.Equal(MoreRows.PageRows, cut.FindAll("[data-testid=table-time-to-departure] tbody tr").Count);
        Assert.Equal("/api/metrics/attrition?from=2022-01", cut.Find("[data-testid=more-departures] a.more-rows-all").GetAttribute("href"));
    }
}
