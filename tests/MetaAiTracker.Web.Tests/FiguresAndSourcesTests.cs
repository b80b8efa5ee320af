using Bunit;
using MetaAiTracker.Core.Services;
using MetaAiTracker.Web.Components.Pages.Figures;
using MetaAiTracker.Web.Components.Pages.Sources;

namespace MetaAiTracker.Web.Tests;

public sealed class FiguresAndSourcesTests(ShippedDatasetFixture fixture) : BunitTestBase(fixture)
{
    [Fact]
    public async Task Every_figure_is_shown_and_the_64_percent_looks_disputed()
    {
        var figures = await Service<FigureService>().ListAsync();
        NavigateTo("/figures");
        var cut = Render<FiguresPage>();
        cut.WaitForElement("[data-testid=figures]", TimeSpan.FromSeconds(10));

        Assert.Equal(figures.Select(f => f.Slug), cut.FindAll("[data-testid=figure]").Select(e => e.GetAttribute("data-figure")));
        var disputed = cut.Find("[data-figure=article-attrition-64]");
        Assert.Contains("figure-disputed", disputed.ClassList);
        Assert.Equal("64%", disputed.QuerySelector("[data-testid=figure-value]")!.TextContent.Trim());
        Assert.Equal("disputed", disputed.QuerySelector(".status-badge")!.GetAttribute("data-status"));
        Assert.Contains("two-year retention", disputed.QuerySelector("[data-testid=figure-status-note]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Figures_over_time_show_each_series_in_order_with_links_to_its_figures()
    {
        var series = FigureSeries.Of(await Service<FigureService>().ListAsync());
        NavigateTo("/figures");
        var cut = Render<FiguresPage>();
        cut.WaitForElement("[data-testid=figure-series]", TimeSpan.FromSeconds(10));

        var tables = cut.FindAll("[data-testid=series]");
        Assert.Equal(series.Select(s => s.Metric), tables.Select(t => t.GetAttribute("data-metric")));
        var capex = tables.Single(t => t.GetAttribute("data-metric") == "capex-2025");
        Assert.Equal("2025 capital expenditure", capex.QuerySelector("caption")!.TextContent.Trim());
        Assert.Equal(["US$66–72B", "→ US$70–72B", "→ US$72.2B"], capex.QuerySelectorAll("[data-testid=series-value]").Select(v => v.TextContent.Trim()));
        // Each row links to its figure's card on the same page.
        foreach (var link in capex.QuerySelectorAll("a"))
        {
            Assert.NotNull(cut.Find(link.GetAttribute("href")!));
        }

        // A status filter shows figures of that status only; a series would be cut in pieces, so it is not shown.
        NavigateTo("/figures?status=confirmed");
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=figure-series]")));
    }

    [Fact]
    public void The_status_filter_narrows_the_figures_and_lives_in_the_address()
    {
        NavigateTo("/figures?status=disputed");
        var cut = Render<FiguresPage>();
        cut.WaitForElement("[data-testid=figures]", TimeSpan.FromSeconds(10));

        Assert.Equal(["article-attrition-64", "tulloch-offer-1-5b"], cut.FindAll("[data-testid=figure]").Select(e => e.GetAttribute("data-figure")));

        cut.FindAll("[data-testid=status-filter] button").First(b => b.TextContent.Contains("All", StringComparison.Ordinal)).Click();

        cut.WaitForAssertion(() => Assert.True(cut.FindAll("[data-testid=figure]").Count > 1));
        Assert.DoesNotContain("status=", Service<Microsoft.AspNetCore.Components.NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sources_list_every_source_with_its_counts_primary_first()
    {
        var sources = await Service<SourceService>().ListAsync();
        var cut = Render<SourcesPage>();
        cut.WaitForElement("[data-testid=sources-table]", TimeSpan.FromSeconds(10));

        var rows = cut.FindAll("[data-testid=sources-table] tbody tr");
        Assert.Equal(sources.Count, rows.Count);
        Assert.NotNull(rows[0].QuerySelector("[data-testid=primary-source]"));
        Assert.Single(cut.FindAll("[data-testid=primary-source]"));
        Assert.Contains("Chinese", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains($"{sources[0].Events} events", rows[0].QuerySelector("[data-testid=cited-by]")!.TextContent.Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
