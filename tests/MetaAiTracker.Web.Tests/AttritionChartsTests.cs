using MetaAiTracker.Core.Domain;
using MetaAiTracker.Core.Services;
using MetaAiTracker.Web.Components.Pages.Attrition;

namespace MetaAiTracker.Web.Tests;

public sealed class AttritionChartsTests
{
    private static AttritionMonth Month(int year, int month) => new(year, month, 0, 0, 0, 0, 0, 0);

    [Fact]
    public void Month_labels_are_short_and_name_the_year_only_when_the_window_spans_years()
    {
        Assert.Equal(["Jun", "Jul", "Aug"], AttritionCharts.AxisMonthLabels([Month(2025, 6), Month(2025, 7), Month(2025, 8)]));
        Assert.Equal(["Dec ’24", "Jan ’25", "Feb"], AttritionCharts.AxisMonthLabels([Month(2024, 12), Month(2025, 1), Month(2025, 2)]));
    }

    [Fact]
    public void A_long_window_labels_every_second_month()
    {
        var months = Enumerable.Range(0, 24).Select(i => Month(2024 + i / 12, i % 12 + 1)).ToList();

        var labels = AttritionCharts.AxisMonthLabels(months);

        Assert.Equal(24, labels.Length);
        Assert.Equal("Jan ’24", labels[0]);
        Assert.Equal(string.Empty, labels[1]);
        Assert.Equal("Jan ’25", labels[12]);
    }

    [Theory]
    [InlineData("2025-06-01", "2025-09-30", "Jun–Sep 2025")]
    [InlineData("2025-09-01", "2025-09-30", "Sep 2025")]
    [InlineData("2024-12-01", "2025-02-28", "Dec 2024–Feb 2025")]
    public void Month_ranges_read_naturally(string start, string end, string expected) =>
        Assert.Equal(expected, AttritionCharts.MonthRange(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void The_rate_sentence_says_when_there_is_no_rate()
    {
        var report = new AttritionReport(new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31), new DateOnly(2025, 1, 31), [Month(2025, 1)],
            new AttritionRate(0, 0, 0), [], [], [], 0, 0);

        Assert.Equal("0 departures ÷ 0 average headcount: no rate, as nobody was there to leave over Jan 2025", AttritionCharts.RateSentence(report));
    }

    [Theory]
    [InlineData(null, null, null, 0)]
    [InlineData("2025-06", "2025-09", "2025-09-30", 0)]
    [InlineData("2025-6", null, null, 1)]
    [InlineData("2025-Q3", null, null, 1)]
    [InlineData(null, "2025-00", null, 1)]
    [InlineData(null, null, "2025-02-30", 1)]
    [InlineData(null, null, "2025-09", 0)]
    [InlineData("2025-09", "2025-06", null, 1)]
    public void Query_fields_are_checked_one_by_one(string? from, string? to, string? asOf, int errors)
    {
        var (request, problems) = new AttritionQuery("msl", true, from, to, asOf).Validate();

        Assert.Equal(errors, problems.Count);
        Assert.Equal("msl", request.Organization);
        if (errors == 0 && from is not null)
        {
            Assert.Equal(PartialDate.Parse(from), request.From);
        }
    }

    [Fact]
    public void Only_non_default_choices_go_in_the_address()
    {
        var parameters = new AttritionQuery("msl", true, "2025-06", " ", null).ToQueryParameters();

        Assert.Equal("msl", parameters[AttritionQuery.OrganizationKey]);
        Assert.Null(parameters[AttritionQuery.SubKey]);
        Assert.Equal("2025-06", parameters[AttritionQuery.FromKey]);
        Assert.Null(parameters[AttritionQuery.ToKey]);
        Assert.Equal("false", new AttritionQuery("msl", false, null, null, null).ToQueryParameters()[AttritionQuery.SubKey]);
    }

    [Fact]
    public void Day_bins_are_equal_spans_from_zero_that_hold_every_stay_once()
    {
        int[] days = [0, 1, 29, 30, 59, 400, 700, 719];
        var bins = AttritionCharts.DaysBins(days);

        // 719 days in at most 12 bins: 60-day bins (0–59 … 660–719), the narrowest width that fits.
        Assert.Equal(AttritionCharts.MaxBins, bins.Count);
        Assert.All(bins, b => Assert.Equal(59, b.To - b.From));
        Assert.Equal("0–59 d", bins[0].Label);
        Assert.Equal(5, bins[0].Count);
        Assert.Equal(days.Length, bins.Sum(b => b.Count));
        Assert.Equal(2, bins[^1].Count);
        Assert.Empty(AttritionCharts.DaysBins([]));

        // Past a century, the bins widen as far as it takes: still at most 12, every stay counted once.
        var century = AttritionCharts.DaysBins([0, 5, 44_000, 80_000]);
        Assert.InRange(century.Count, 2, AttritionCharts.MaxBins);
        Assert.Equal(4, century.Sum(b => b.Count));
        Assert.True(century[^1].To >= 80_000);

        // Short stays get narrow bins: a week each.
        var week = AttritionCharts.DaysBins([3, 10, 20]);
        Assert.Equal(["0–6 d", "7–13 d", "14–20 d"], week.Select(b => b.Label));
        Assert.Equal([1, 1, 1], week.Select(b => b.Count));
    }

    [Fact]
    public void Past_the_bar_limit_the_smallest_rows_are_summed_into_one_other_bar()
    {
        var rows = Enumerable.Range(0, 30).Select(i => ($"Org {i}", new double[] { 30 - i, 1 })).ToList();
        var shown = AttritionCharts.TopAndOther(rows);

        Assert.Equal(AttritionCharts.MaxBars, shown.Count);
        Assert.Equal(rows.Take(AttritionCharts.MaxBars - 1).Select(r => r.Item1), shown.Take(AttritionCharts.MaxBars - 1).Select(r => r.Label));
        Assert.Equal("Other (7)", shown[^1].Label);
        Assert.Equal(rows.Skip(AttritionCharts.MaxBars - 1).Sum(r => r.Item2[0]), shown[^1].Values[0]);
        Assert.Equal(7, shown[^1].Values[1]);
        Assert.Equal(rows.Sum(r => r.Item2[0]), shown.Sum(r => r.Values[0]));

        // Few rows: unchanged.
        Assert.Same(rows.Take(5).ToList() is var few ? few : null, AttritionCharts.TopAndOther(few));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(6, 1)]
    [InlineData(7, 2)]
    [InlineData(12, 2)]
    [InlineData(29, 5)]
    [InlineData(116, 20)]
    [InlineData(7529, 2000)]
    public void The_y_axis_step_keeps_about_six_lines_whatever_the_scale(double max, int step)
    {
        var chart = new ChartModel(["a", "b"], [new MudBlazor.ChartSeries<double> { Name = "x", Data = new[] { max / 2, max } }]);
        Assert.Equal(step, AttritionCharts.TickStep(chart));
    }

    [Theory]
    [InlineData("OpenAI", "OpenAI")]
    [InlineData("Not reported", "Not reported")]
    [InlineData("Thinking Machines Lab", "Thinking…")]
    [InlineData("Superintelligence", "Superintell…")]
    public void Long_axis_names_are_cut_at_a_word(string name, string expected) => Assert.Equal(expected, AttritionCharts.Shorten(name));
}
