using System.Net;
using System.Text.Json;
using MetaAiTracker.Core.Services;
using MetaAiTracker.Web.Api;
using Microsoft.Extensions.DependencyInjection;

namespace MetaAiTracker.Web.Tests.Api;

/// <summary>Each endpoint's happy path: 200, JSON, and the numbers the services and the store give.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiReadTests(SharedApp app)
{
    private T Service<T>() where T : notnull => app.Services.GetRequiredService<T>();

    private async Task<JsonElement> GetRawAsync(string url)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task Events_answers_the_first_page_with_total_page_count_and_facets()
    {
        var expected = await Service<TimelineService>().QueryAsync(new TimelineFilter());
        var raw = await GetRawAsync("/api/events");
        foreach (var property in new[] { "items", "total", "page", "pageSize", "pageCount", "facets" })
        {
            Assert.True(raw.TryGetProperty(property, out _), $"the answer has no '{property}'");
        }

        var page = await app.GetJsonAsync<EventPage>("/api/events");
        Assert.Equal(expected.Total, page.Total);
        Assert.Equal(expected.TotalInStore, page.TotalInStore);
        Assert.Equal(1, page.Page);
        Assert.Equal(TimelineFilter.DefaultPageSize, page.PageSize);
        Assert.Equal(expected.PageCount, page.PageCount);
        Assert.Equal(expected.Items.Select(i => i.Slug), page.Items.Select(i => i.Slug));
        Assert.Equal(expected.Facets.Themes, page.Facets.Themes);
        Assert.Equal(expected.Facets.Statuses, page.Facets.Statuses);
        Assert.Null(page.Groups);
    }

    [Fact]
    public async Task Events_paging_splits_the_timeline_without_gaps_or_repeats()
    {
        var all = await Service<TimelineService>().QueryAsync(new TimelineFilter { PageSize = TimelineFilter.MaxPageSize });
        var slugs = new List<string>();
        var first = await app.GetJsonAsync<EventPage>("/api/events?pageSize=7");
        Assert.Equal((all.Total + 6) / 7, first.PageCount);
        for (var p = 1; p <= first.PageCount; p++)
        {
            var page = await app.GetJsonAsync<EventPage>($"/api/events?pageSize=7&page={p}");
            Assert.Equal(p, page.Page);
            slugs.AddRange(page.Items.Select(i => i.Slug));
        }

        Assert.Equal(all.Items.Select(i => i.Slug), slugs);
        var beyond = await app.GetJsonAsync<EventPage>($"/api/events?pageSize=7&page={first.PageCount + 1}");
        Assert.Empty(beyond.Items);
    }

    [Fact]
    public async Task Events_grouped_by_month_lists_every_item_of_the_page_once()
    {
        var page = await app.GetJsonAsync<EventPage>("/api/events?group=month&pageSize=200");
        Assert.NotNull(page.Groups);
        Assert.Equal(page.Items.Select(i => i.Slug).Order(StringComparer.Ordinal), page.Groups.SelectMany(g => g.Slugs).Order(StringComparer.Ordinal));
        Assert.Contains(page.Groups, g => g.IsImprecise); // the shipped data has year-only events: "2025, month unknown"
    }

    [Fact]
    public async Task Event_detail_is_what_the_event_service_gives()
    {
        var slug = (await Service<TimelineService>().QueryAsync(new TimelineFilter())).Items[0].Slug;
        var expected = (await Service<EventService>().GetAsync(slug))!;

        var raw = await GetRawAsync($"/api/events/{slug}");
        Assert.Equal(expected.Date.ToString(), raw.GetProperty("date").GetString());
        Assert.Equal(EnumTextOf(expected.Status), raw.GetProperty("status").GetString());

        var detail = await app.GetJsonAsync<EventDetail>($"/api/events/{slug}");
        Assert.Equal(expected.Slug, detail.Slug);
        Assert.Equal(expected.Date, detail.Date);
        Assert.Equal(expected.TitleZh, detail.TitleZh);
        Assert.Equal(expected.Citations.Count, detail.Citations.Count);
        Assert.Equal(expected.Themes, detail.Themes);
        Assert.Equal(expected.Next?.Slug, detail.Next?.Slug);
    }

    [Fact]
    public async Task People_list_and_detail_are_what_the_people_service_gives()
    {
        var expected = await Service<PeopleService>().ListAsync();
        var list = await app.GetJsonAsync<ItemList<PersonRow>>("/api/people");
        Assert.Equal(expected.Count, list.Total);
        Assert.Equal(expected, list.Items);

        var slug = expected[0].Slug;
        var detail = await app.GetJsonAsync<PersonDetail>($"/api/people/{slug}");
        var expectedDetail = (await Service<PeopleService>().GetAsync(slug))!;
        Assert.Equal(expectedDetail.Name, detail.Name);
        Assert.Equal(expectedDetail.Tenures.Count, detail.Tenures.Count);
        Assert.Equal(expectedDetail.Events.Select(e => e.Slug), detail.Events.Select(e => e.Slug));
    }

    [Fact]
    public async Task People_list_can_be_read_against_another_lab()
    {
        var expected = await Service<PeopleService>().ListAsync("meta");
        var list = await app.GetJsonAsync<ItemList<PersonRow>>("/api/people?lab=meta");
        Assert.Equal(expected, list.Items);
    }

    [Fact]
    public async Task Organizations_themes_figures_and_sources_count_what_the_store_holds()
    {
        var organizations = await app.GetJsonAsync<ItemList<OrganizationSummary>>("/api/organizations");
        Assert.Equal(await Service<EventService>().OrganizationsAsync(), organizations.Items);
        Assert.Equal(organizations.Items.Count, organizations.Total);

        var themes = await app.GetJsonAsync<ItemList<ThemeRef>>("/api/themes");
        Assert.Equal(await Service<EventService>().ThemesAsync(), themes.Items);
        Assert.Equal(7, themes.Total);

        var figures = await app.GetJsonAsync<ItemList<FigureView>>("/api/figures");
        var expectedFigures = await Service<FigureService>().ListAsync();
        Assert.Equal(expectedFigures.Select(f => f.Slug), figures.Items.Select(f => f.Slug));
        Assert.Equal(expectedFigures.Select(f => f.Display), figures.Items.Select(f => f.Display));

        var sources = await app.GetJsonAsync<ItemList<SourceView>>("/api/sources");
        Assert.Equal(await Service<SourceService>().ListAsync(), sources.Items);
        Assert.True(sources.Items[0].Source.IsPrimary);
    }

    [Fact]
    public async Task Attrition_returns_the_report_and_the_reported_vs_computed_rows()
    {
        var request = new AttritionRequest();
        var expected = (await Service<AttritionService>().ComputeAsync(request))!;
        var expectedReadings = await Service<FigureService>().CompareAsync(request);

        var raw = await GetRawAsync("/api/metrics/attrition");
        Assert.Equal("msl", raw.GetProperty("organization").GetProperty("slug").GetString());
        Assert.Equal(JsonValueKind.Array, raw.GetProperty("readings").ValueKind);

        var answer = await app.GetJsonAsync<AttritionResponse>("/api/metrics/attrition");
        Assert.Equal(expected.Report.Rate, answer.Report.Rate);
        Assert.Equal(expected.Report.Months, answer.Report.Months);
        Assert.Equal(expected.Report.Departures, answer.Report.Departures);
        Assert.Equal(expected.IncludedOrganizations, answer.IncludedOrganizations);
        Assert.Equal(expectedReadings.Count, answer.Readings.Count);
        Assert.Equal(expectedReadings.Select(r => (r.Metric, r.Kind, r.Display)), answer.Readings.Select(r => (r.Metric, r.Kind, r.Display)));
        Assert.Contains(answer.Readings, r => r.Kind == ReadingKind.Computed);
    }

    [Fact]
    public async Task Attrition_by_default_covers_the_whole_record_and_keeps_the_articles_64_disputed()
    {
        var answer = await app.GetJsonAsync<AttritionResponse>("/api/metrics/attrition");

        // June 2025 to June 2026: 13 months, nine departures among 19 people (ShippedDatasetHeadlineTests has the arithmetic).
        Assert.Equal((new DateOnly(2025, 6, 1), new DateOnly(2026, 6, 30), 13), (answer.Report.WindowStart, answer.Report.WindowEnd, answer.Report.Months.Count));
        Assert.Equal((9, 19), (answer.Report.Rate.Departures, answer.Report.Rate.SampleSize));
        Assert.Contains(answer.Report.Departures, d => d.PersonSlug == "yann-lecun" && d.WentTo == "ami-labs");

        var article = Assert.Single(answer.Readings, r => r.FigureSlug == "article-attrition-64");
        Assert.Equal((ReadingKind.Reported, Core.Domain.ClaimStatus.Disputed), (article.Kind, article.Status));
        var computed = Assert.Single(answer.Readings, r => r.Metric == "attrition-rate" && r.Kind == ReadingKind.Computed);
        Assert.Equal("100.9%", computed.Display);
    }

    [Fact]
    public async Task Attrition_honours_org_sub_and_the_window()
    {
        var request = new AttritionRequest { Organization = "msl", IncludeSubOrganizations = false, From = Core.Domain.PartialDate.Parse("2025-07"), To = Core.Domain.PartialDate.Parse("2025-08") };
        var expected = (await Service<AttritionService>().ComputeAsync(request))!;
        var answer = await app.GetJsonAsync<AttritionResponse>("/api/metrics/attrition?org=msl&sub=false&from=2025-07&to=2025-08");
        Assert.Equal(expected.Report.Months, answer.Report.Months);
        Assert.Equal(2, answer.Report.Months.Count);
        Assert.Single(answer.IncludedOrganizations);
        Assert.False(answer.Query.Sub);
    }

    [Fact]
    public async Task OpenApi_document_lists_every_endpoint()
    {
        var raw = await GetRawAsync("/openapi/v1.json");
        var paths = raw.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[]
                 {
                     "/api/events", "/api/events/{slug}", "/api/people", "/api/people/{slug}", "/api/organizations", "/api/themes",
                     "/api/figures", "/api/sources", "/api/metrics/attrition", "/api/dataset", "/api/events.csv", "/feed.atom",
                 })
        {
            Assert.Contains(path, paths);
        }

        var partialDate = raw.GetProperty("components").GetProperty("schemas").GetProperty("PartialDate");
        Assert.Equal("string", partialDate.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Api_reference_page_loads_its_scripts_from_this_site_with_a_nonce_the_policy_allows()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/docs/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]*>").Select(m => m.Value).ToList();
        Assert.NotEmpty(scripts);
        Assert.DoesNotContain(scripts, s => s.Contains("http://", StringComparison.Ordinal) || s.Contains("https://", StringComparison.Ordinal));

        var nonce = System.Text.RegularExpressions.Regex.Match(html, "nonce=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(nonce);
        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains($"'nonce-{nonce}'", policy, StringComparison.Ordinal);

        using var script = await client.GetAsync(new Uri("/api/docs/scalar.js", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    private static string EnumTextOf<T>(T value) where T : struct, Enum => Core.Domain.EnumText.ToText(value);
}
