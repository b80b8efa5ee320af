using System.Net;
using System.Text.RegularExpressions;
using MetaAiTracker.Core.Services;
using MetaAiTracker.Web.Api;
using Microsoft.Extensions.DependencyInjection;

namespace MetaAiTracker.Web.Tests.Api;

/// <summary>
/// A query means the same thing on the page and in the API: /api/events?x selects the events that
/// TimelineService.QueryAsync selects for TimelineFilterParser.Parse(x), and the page's CSV link downloads them all.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class FilterEquivalenceTests(SharedApp app)
{
    public static TheoryData<string> Queries =>
    [
        "",
        "themes=talent",
        "themes=talent,partnerships",
        "themes=talent,partnerships&match=all",
        "status=disputed,denied",
        "from=2025-06&to=2025-08",
        "from=2025-Q3",
        "to=2025-07-31&sort=desc",
        "q=Scale",
        "q=扎克伯格",
        "people=mark-zuckerberg",
        "orgs=msl&sort=desc",
        "themes=ethics-regulation&status=reported&sort=desc",
        "themes=talent&orgs=msl&from=2025&q=MSL",
        "page=2&pageSize=5",
        "page=3&pageSize=4&sort=desc",
    ];

    private static TimelineFilter Parse(string query)
    {
        var values = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);
        var (filter, errors) = TimelineFilterParser.Parse(name => values.TryGetValue(name, out var v) ? v.ToString() : null);
        Assert.Empty(errors);
        return filter;
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Api_and_service_select_the_same_events_in_the_same_order(string query)
    {
        var filter = Parse(query);
        var expected = await app.Services.GetRequiredService<TimelineService>().QueryAsync(filter);

        var page = await app.GetJsonAsync<EventPage>("/api/events" + (query.Length > 0 ? "?" + query : string.Empty));
        Assert.Equal(expected.Items.Select(i => i.Slug), page.Items.Select(i => i.Slug));
        Assert.Equal(expected.Total, page.Total);
        Assert.Equal(expected.Facets.Themes.Select(f => f.Count), page.Facets.Themes.Select(f => f.Count));
    }

    [Fact]
    public async Task Some_filters_narrow_the_timeline_so_the_comparison_is_not_vacuous()
    {
        var all = await app.GetJsonAsync<EventPage>("/api/events");
        var talent = await app.GetJsonAsync<EventPage>("/api/events?themes=talent");
        var both = await app.GetJsonAsync<EventPage>("/api/events?themes=talent,partnerships&match=all");
        Assert.InRange(talent.Total, 1, all.Total - 1);
        Assert.True(both.Total < talent.Total);
    }

    [Theory]
    [InlineData("")]
    [InlineData("themes=talent&sort=desc")]
    [InlineData("status=disputed,denied&from=2025-06")]
    [InlineData("q=扎克伯格&pageSize=5&page=2")]
    public async Task The_timeline_pages_csv_link_downloads_every_matching_event(string query)
    {
        using var client = app.CreateClient();
        var html = await client.GetStringAsync(new Uri("/timeline" + (query.Length > 0 ? "?" + query : string.Empty), UriKind.Relative));
        var anchor = CsvAnchor().Match(html);
        Assert.True(anchor.Success, "the timeline page has no CSV link");
        var href = WebUtility.HtmlDecode(anchor.Groups["href"].Value);
        Assert.StartsWith("/api/events.csv", href, StringComparison.Ordinal);

        using var response = await client.GetAsync(new Uri(href, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);

        var filter = Parse(query);
        var expected = await ExportEndpoints.AllAsync(app.Services.GetRequiredService<TimelineService>(), filter, CancellationToken.None);
        var rows = CsvTests.ReadRows(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(expected.Select(i => i.Slug), rows.Select(r => r["slug"]));
    }

    [GeneratedRegex("<a[^>]*href=\"(?<href>[^\"]*)\"[^>]*data-testid=\"download-csv\"|<a[^>]*data-testid=\"download-csv\"[^>]*href=\"(?<href>[^\"]*)\"")]
    private static partial Regex CsvAnchor();
}
