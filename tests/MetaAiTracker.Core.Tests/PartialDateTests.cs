using MetaAiTracker.Core.Domain;

namespace MetaAiTracker.Core.Tests;

public sealed class PartialDateTests
{
    [Theory]
    [InlineData("2025", DatePrecision.Year, "2025-01-01", "2025-12-31", "2025")]
    [InlineData("2025-Q3", DatePrecision.Quarter, "2025-07-01", "2025-09-30", "Q3 2025")]
    [InlineData("2025-08", DatePrecision.Month, "2025-08-01", "2025-08-31", "Aug 2025")]
    [InlineData("2024-02", DatePrecision.Month, "2024-02-01", "2024-02-29", "Feb 2024")]
    [InlineData("2025-08-29", DatePrecision.Day, "2025-08-29", "2025-08-29", "29 Aug 2025")]
    public void Parses_each_precision_into_its_span(string text, DatePrecision precision, string start, string end, string label)
    {
        var date = PartialDate.Parse(text);

        Assert.Equal(precision, date.Precision);
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), date.Start);
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), date.End);
        Assert.Equal(label, date.Label);
        Assert.Equal(text, date.ToString());
    }

    [Theory]
    [InlineData("2025-13")]
    [InlineData("2025-02-30")]
    [InlineData("2025-Q5")]
    [InlineData("2025-Q0")]
    [InlineData("25")]
    [InlineData("2025/08")]
    [InlineData("2025-8")]
    [InlineData("2025-08-1")]
    [InlineData("")]
    [InlineData("1800")]
    [InlineData("2025-08-29T00:00")]
    public void Rejects_impossible_or_malformed_dates(string text)
    {
        Assert.False(PartialDate.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void Orders_by_start_then_narrower_span_first()
    {
        var dates = new[] { "2025-08-29", "2025-Q3", "2025", "2025-08", "2025-07" }.Select(PartialDate.Parse).Order().Select(d => d.ToString());

        // Starts: 2025 → Jan 1; 2025-07 and 2025-Q3 → Jul 1 (month ends Jul 31 before the quarter's Sep 30);
        // 2025-08 → Aug 1; 2025-08-29 → Aug 29.
        Assert.Equal(["2025", "2025-07", "2025-Q3", "2025-08", "2025-08-29"], dates);
    }

    [Fact]
    public void Midpoint_is_the_middle_of_the_span()
    {
        // August 2025: Aug 1 + (30 days / 2) = Aug 16.
        Assert.Equal(new DateOnly(2025, 8, 16), PartialDate.Parse("2025-08").Midpoint);
        // A day is its own midpoint.
        Assert.Equal(new DateOnly(2025, 8, 29), PartialDate.Parse("2025-08-29").Midpoint);
    }
}
