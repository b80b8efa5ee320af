using System.Globalization;
using Bunit;
using MetaAiTracker.Core.Domain;
using MetaAiTracker.Core.Services;
using MetaAiTracker.Web.Components.Pages.Attrition;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MetaAiTracker.Web.Tests;

public sealed class AttritionPageTests(ShippedDatasetFixture fixture) : BunitTestBase(fixture)
{
    private static readonly string[] ChartIds = ["headcount", "flows", "time-to-departure", "destination", "cohort"];

    private IRenderedComponent<AttritionPage> RenderPage(string uri = "/attrition")
    {
        NavigateTo(uri);
        Render<MudPopoverProvider>();
        var cut = Render<AttritionPage>();
        cut.WaitForElement("[data-testid=table-headcount]", TimeSpan.FromSeconds(10));
        return cut;
    }

    private async Task<AttritionReport> ServiceReportAsync(AttritionRequest? request = null) =>
        (await Service<AttritionService>().ComputeAsync(request ?? new AttritionRequest()))!.Report;

    private static IReadOnlyList<double> Values(ChartSeries<double> series) => series.Data.Values.ToList();

    private static IReadOnlyList<string> Column(IRenderedComponent<AttritionPage> cut, string table, int column) =>
        cut.FindAll($"[data-testid={table}] tbody tr").Select(tr => tr.Children[column].TextContent.Trim()).ToList();

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Headcount_and_flow_series_carry_the_services_month_numbers_and_the_tables_show_the_same()
    {
        var report = await ServiceReportAsync();
        var cut = RenderPage();

        var charts = cut.FindComponents<MudChart<double>>();
        Assert.Equal(5, charts.Count);

        var headcount = charts[0].Instance;
        Assert.Equal(ChartType.Line, headcount.ChartType);
        Assert.Equal(report.Months.Select(m => (double)m.HeadcountEnd), Values(Assert.Single(headcount.ChartSeries)));
        Assert.Equal(report.Months.Count, headcount.ChartLabels.Length);

        var flows = charts[1].Instance;
        Assert.Equal(["Joins", "Departures"], flows.ChartSeries.Select(s => s.Name));
        Assert.Equal(report.Months.Select(m => (double)m.Joins), Values(flows.ChartSeries[0]));
        Assert.Equal(report.Months.Select(m => (double)m.Departures), Values(flows.ChartSeries[1]));

        // The tables give the same numbers, month by month, with the full month label.
        Assert.Equal(report.Months.Select(m => m.Label), Column(cut, "table-headcount", 0));
        Assert.Equal(report.Months.Select(m => Text(m.HeadcountEnd)), Column(cut, "table-headcount", 4));
        Assert.Equal(report.Months.Select(m => m.Label), Column(cut, "table-flows", 0));
        Assert.Equal(report.Months.Select(m => Text(m.Joins)), cut.FindAll("[data-testid=flows-joins]").Select(td => td.ChildNodes[0].TextContent.Trim()));
        Assert.Equal(report.Months.Select(m => Text(m.Departures)), cut.FindAll("[data-testid=flows-departures]").Select(td => td.ChildNodes[0].TextContent.Trim()));
    }

    [Fact]
    public async Task The_flows_table_marks_estimated_joins_and_departures()
    {
        var report = await ServiceReportAsync();
        var cut = RenderPage();

        var joins = cut.FindAll("[data-testid=flows-joins]");
        var departures = cut.FindAll("[data-testid=flows-departures]");
        for (var i = 0; i < report.Months.Count; i++)
        {
            var m = report.Months[i];
            Assert.Equal(m.EstimatedJoins > 0 ? $"(≈ {m.EstimatedJoins})" : null, joins[i].QuerySelector(".estimated")?.TextContent.Trim());
            Assert.Equal(m.EstimatedDepartures > 0 ? $"(≈ {m.EstimatedDepartures})" : null, departures[i].QuerySelector(".estimated")?.TextContent.Trim());
        }

        // The shipped data knows every MSL join and departure only to the month or quarter.
        Assert.Contains(report.Months, m => m.EstimatedDepartures == 8);
    }

    [Fact]
    public async Task Time_destination_and_cohort_series_match_the_service_and_their_tables()
    {
        var service = await Service<AttritionService>().ComputeAsync(new AttritionRequest());
        var report = service!.Report;
        var cut = RenderPage();
        var charts = cut.FindComponents<MudChart<double>>();

        var timed = report.Departures.Where(d => d.DaysToDeparture is not null).ToList();
        Assert.Equal(timed.Select(d => (double)d.DaysToDeparture!.Value), Values(Assert.Single(charts[2].Instance.ChartSeries)));
        Assert.Equal(report.Departures.Select(d => d.PersonName), Column(cut, "table-time-to-departure", 0));
        Assert.Equal(report.Departures.Select(d => (d.IsExact ? "" : "≈") + Text(d.DaysToDeparture!.Value)), Column(cut, "table-time-to-departure", 3));

        Assert.Equal(report.ByDestination.Select(r => (double)r.Count), Values(Assert.Single(charts[3].Instance.ChartSeries)));
        Assert.Equal(report.ByDestination.Select(r => r.Key is null ? "Not reported" : service.NameOf(r.Key)), charts[3].Instance.ChartLabels);
        Assert.Equal(report.ByDestination.Select(r => Text(r.Count)), Column(cut, "table-destination", 1));

        Assert.Equal(report.ByCohort.Select(r => (double)r.Joined), Values(charts[4].Instance.ChartSeries[0]));
        Assert.Equal(report.ByCohort.Select(r => (double)r.Departed), Values(charts[4].Instance.ChartSeries[1]));
        Assert.Equal(report.ByCohort.Select(r => Text(r.Joined)), Column(cut, "table-cohort", 1));
        Assert.Equal(report.ByCohort.Select(r => Text(r.Departed)), Column(cut, "table-cohort", 2));
    }

    [Fact]
    public void Every_chart_has_svg_data_points_and_a_captioned_table()
    {
        var cut = RenderPage();

        foreach (var id in ChartIds)
        {
            var chart = cut.Find($"[data-testid=chart-{id}]");
            Assert.NotEmpty(chart.QuerySelectorAll("svg circle.mud-chart-point, svg path.mud-chart-bar"));
            var table = cut.Find($"[data-testid=table-{id}]");
            Assert.False(string.IsNullOrWhiteSpace(table.QuerySelector("caption")?.TextContent), $"table-{id} has no caption");
            Assert.NotEmpty(table.QuerySelectorAll("tbody tr"));
        }
    }

    [Fact]
    public async Task The_window_from_the_query_gives_the_rate_in_words_with_its_parts()
    {
        var request = new AttritionRequest { From = PartialDate.Parse("2025-06"), To = PartialDate.Parse("2025-09") };
        var report = await ServiceReportAsync(request);
        var cut = RenderPage("/attrition?from=2025-06&to=2025-09");

        // ShippedDatasetHeadlineTests works it out: headcounts 0→10, 10→14, 14→8, 8→8 average 9; 8 ÷ 9 = 88.9%, 16 people.
        Assert.Equal(8, report.Rate.Departures);
        Assert.Equal(9, report.Rate.AverageHeadcount, 9);
        Assert.Equal(
            "8 departures ÷ 9 average headcount = 88.9% over Jun–Sep 2025, among 16 named people.",
            cut.Find("[data-testid=rate-sentence]").TextContent.Trim());
        Assert.Contains("sample of named people", cut.Find("[data-testid=attrition-rate]").TextContent, StringComparison.Ordinal);
        Assert.Equal(report.Months.Select(m => (double)m.HeadcountEnd), Values(cut.FindComponents<MudChart<double>>()[0].Instance.ChartSeries[0]));
    }

    [Fact]
    public async Task By_default_the_page_covers_the_whole_record_with_the_later_departures()
    {
        var report = await ServiceReportAsync(new AttritionRequest());
        var cut = RenderPage();

        // ShippedDatasetHeadlineTests works it out: June 2025 (the first placed join) to June 2026 (the last event), average
        // headcount 116 / 13 = 8.92; 9 ÷ 8.92 = 100.9%, among the 19 people of MSL and its units.
        Assert.Equal((new DateOnly(2025, 6, 1), new DateOnly(2026, 6, 30)), (report.WindowStart, report.WindowEnd));
        Assert.Equal(
            "9 departures ÷ 8.92 average headcount = 100.9% over Jun 2025–Jun 2026, among 19 named people.",
            cut.Find("[data-testid=rate-sentence]").TextContent.Trim());
        Assert.Contains("sample of named people", cut.Find("[data-testid=attrition-rate]").TextContent, StringComparison.Ordinal);

        // Yann LeCun's exit (November 2025, to AMI Labs) is the one after the article's summer.
        var lecun = Assert.Single(report.Departures, d => d.PersonSlug == "yann-lecun");
        Assert.Equal(("2025-11", "ami-labs"), (lecun.Left.ToString(), lecun.WentTo));
        Assert.Contains("Yann LeCun", cut.Find("[data-testid=table-time-to-departure]").TextContent, StringComparison.Ordinal);
        Assert.Equal(13, cut.FindAll("[data-testid=table-headcount] tbody tr").Count);
    }

    [Fact]
    public void An_invalid_month_in_the_query_is_explained_and_the_default_used()
    {
        var cut = RenderPage("/attrition?from=2025-13&to=June");

        var errors = cut.Find("[data-testid=control-errors]").TextContent;
        Assert.Contains("month 13 does not exist", errors, StringComparison.Ordinal);
        Assert.Contains("\"June\" is not a month. Write it as YYYY-MM", errors, StringComparison.Ordinal);
        Assert.NotEmpty(cut.FindAll("[data-testid=table-headcount] tbody tr"));
    }

    [Fact]
    public void Changing_a_control_puts_the_choice_in_the_address()
    {
        var cut = RenderPage();
        var navigation = Service<NavigationManager>();

        // The page reloads its report before it updates the address: at once on SQLite, a moment later on PostgreSQL.
        cut.Find("input[data-testid=control-from]").Change("2025-06");
        cut.WaitForAssertion(() => Assert.EndsWith("/attrition?org=msl&from=2025-06", navigation.Uri, StringComparison.Ordinal));

        // An impossible window is refused with a message; the address keeps the last valid choice.
        cut.Find("input[data-testid=control-to]").Change("2025-05");
        cut.WaitForAssertion(() => Assert.Contains("ends before it starts", cut.Find("[data-testid=control-errors]").TextContent, StringComparison.Ordinal));
        Assert.EndsWith("/attrition?org=msl&from=2025-06", navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Excluding_sub_organisations_is_kept_in_the_query()
    {
        var cut = RenderPage();
        var navigation = Service<NavigationManager>();

        cut.Find("input[data-testid=control-sub]").Change(false);

        cut.WaitForAssertion(() => Assert.Contains("sub=false", navigation.Uri, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_reported_versus_computed_table_has_every_reading_and_shows_the_disputed_64()
    {
        var readings = await Service<FigureService>().CompareAsync(new AttritionRequest());
        var cut = RenderPage();

        var table = cut.Find("[data-testid=table-compare]");
        var kinds = table.QuerySelectorAll("[data-kind]").Select(e => e.GetAttribute("data-kind")).ToList();
        Assert.Equal(readings.Select(r => r.Kind.ToString()), kinds);
        Assert.Contains(table.QuerySelectorAll(".status-badge"), b => b.GetAttribute("data-status") == "disputed");
        foreach (var r in readings)
        {
            Assert.Contains(r.Display, table.TextContent, StringComparison.Ordinal);
            Assert.Contains(r.Caveat, table.TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_unknown_organisation_says_so()
    {
        var cut = Render<AttritionPage>();
        NavigateTo("/attrition?org=no-such-lab");
        cut.WaitForElement("[data-testid=attrition-unknown-org]");

        Assert.Contains("no-such-lab", cut.Find("[data-testid=attrition-unknown-org]").TextContent, StringComparison.Ordinal);
    }
}
