using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using MetaAiTracker.Core.Domain;
using MetaAiTracker.Core.Services;
using MetaAiTracker.Data.Dataset;
using MetaAiTracker.Web.Api;
using Microsoft.Extensions.DependencyInjection;

namespace MetaAiTracker.Web.Tests.Api;

/// <summary>
/// Quotes and reports, as everything the app serves tells them apart: the source endpoints with the archived text, every
/// citation's kind in the answers, the CSV's quote and report columns, the feed's sources, real 404s for unknown pages, and
/// no page, answer or export that names a file of ours.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class ProvenanceTests(SharedApp app)
{
    private static readonly DatasetDocument Shipped = ShippedDataset.Read().Document!;

    private async Task<(HttpStatusCode Status, string Body, string? MediaType)> GetAsync(string url)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_source_list_says_which_sources_are_archived_and_how_many_quotes_and_reports_cite_each()
    {
        var list = await app.GetJsonAsync<ItemList<SourceView>>("/api/sources");

        Assert.Equal(Shipped.Sources!.Count, list.Total);
        var article = Assert.Single(list.Items, s => s.HasText);
        Assert.Equal(("article-zh", SourceKind.Article, true), (article.Source.Slug, article.Source.Kind, article.Source.IsPrimary));
        Assert.Equal(Citations().Count(c => c.Kind == "quote"), list.Items.Sum(s => s.Quotes));
        Assert.Equal(Citations().Count(c => c.Kind == "report"), list.Items.Sum(s => s.Reports));
        Assert.Equal(0, article.Reports);
        Assert.All(list.Items.Where(s => !s.HasText), s => Assert.Equal(0, s.Quotes));
    }

    [Fact]
    public async Task The_article_answers_with_its_whole_text_and_pages_of_quotes_that_stand_at_their_locators()
    {
        var raw = JsonDocument.Parse((await GetAsync("/api/sources/article-zh?pageSize=50")).Body).RootElement;
        foreach (var property in new[] { "kind", "publisher", "title", "published", "url", "read", "language", "text", "citations" })
        {
            Assert.True(raw.TryGetProperty(property, out _), $"the answer has no '{property}'");
        }

        var text = raw.GetProperty("text").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.Equal(Shipped.Sources![0].Text!.Select(p => p!), text);
        var quotes = Citations().Count(c => c.Source == "article-zh");
        Assert.Equal(quotes, raw.GetProperty("citationCount").GetInt32());

        var cited = new List<JsonElement>();
        for (var page = 1; page <= (quotes + 49) / 50; page++)
        {
            var answer = JsonDocument.Parse((await GetAsync($"/api/sources/article-zh?page={page}&pageSize=50")).Body).RootElement;
            cited.AddRange(answer.GetProperty("citations").EnumerateArray().Select(c => c.Clone()));
        }

        Assert.Equal(quotes, cited.Count);
        var source = new SourceText(text);
        Assert.All(cited, c =>
        {
            Assert.Equal("quote", c.GetProperty("kind").GetString());
            var at = QuoteLocator.Parse(c.GetProperty("locator").GetString()!);
            Assert.Equal(c.GetProperty("quote").GetString(), source.At(at));
            Assert.Equal($"/sources/article-zh#{at.Anchor}", c.GetProperty("contextUrl").GetString());
            Assert.Contains(c.GetProperty("citedBy").GetProperty("kind").GetString(), new[] { "event", "person", "tenure", "figure" });
        });
    }

    [Fact]
    public async Task A_reported_source_has_no_text_and_its_citations_are_reports_with_the_page_read()
    {
        var answer = await app.GetJsonAsync<SourceAnswer>("/api/sources/techcrunch-2025-08-scale-cracks");

        Assert.Null(answer.Text);
        Assert.Equal(("TechCrunch", "cgast", SourceKind.SyndicatedCopy), (answer.Publisher, answer.Via, answer.Kind));
        Assert.StartsWith("https://", answer.Url, StringComparison.Ordinal);
        Assert.NotEmpty(answer.Citations);
        Assert.All(answer.Citations, c =>
        {
            Assert.Equal(CitationKind.Report, c.Kind);
            Assert.Null(c.Locator);
            Assert.Null(c.ContextUrl);
            Assert.StartsWith("TechCrunch reported that ", c.Display, StringComparison.Ordinal);
            Assert.DoesNotContain('“', c.Display);
        });
    }

    [Theory]
    [InlineData("/api/sources/no-such-source", 404, null)]
    [InlineData("/api/sources/article-zh?page=0", 400, "page")]
    [InlineData("/api/sources/article-zh?page=abc", 400, "page")]
    [InlineData("/api/sources/article-zh?pageSize=1001", 400, "pageSize")]
    [InlineData("/api/sources/article-zh?pageSize=-5", 400, "pageSize")]
    public async Task A_bad_source_request_is_a_problem_not_an_error(string url, int status, string? parameter)
    {
        var (code, body, mediaType) = await GetAsync(url);

        Assert.Equal(status, (int)code);
        Assert.Equal("application/problem+json", mediaType);
        if (parameter is not null)
        {
            Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(parameter, out _), body);
        }
    }

    [Fact]
    public async Task Every_citation_an_event_answers_with_says_whether_it_is_a_quote_or_a_report()
    {
        var raw = JsonDocument.Parse((await GetAsync("/api/events/ruben-mayer-leaves-msl")).Body).RootElement;
        var kinds = raw.GetProperty("citations").EnumerateArray().Select(c => c.GetProperty("kind").GetString()).ToList();

        var expected = Shipped.Events!.Single(e => e.Slug == "ruben-mayer-leaves-msl").Citations!.Select(c => c.Kind).ToList();
        Assert.Equal(expected, kinds);
        Assert.Contains("quote", kinds);
        Assert.Contains("report", kinds);
    }

    [Fact]
    public async Task The_csv_puts_quotes_in_quotation_marks_and_reports_in_the_trackers_words_with_the_page_read()
    {
        using var client = app.CreateClient();
        var rows = CsvTests.ReadRows(await client.GetByteArrayAsync(new Uri("/api/events.csv", UriKind.Relative)));
        var mayer = rows.Single(r => r["slug"] == "ruben-mayer-leaves-msl");

        Assert.Equal("“前Scale AI高管Ruben Mayer仅两个月便辞职” (article-zh ¶6:62-91)", mayer["quotes"]);
        var reports = mayer["reports"].Split(EventCsv.ListSeparator);
        Assert.Equal(2, reports.Length);
        Assert.StartsWith("TechCrunch reported that Ruben Mayer", reports[0], StringComparison.Ordinal);
        Assert.EndsWith("(https://news.cgast.org/news/23610)", reports[0], StringComparison.Ordinal);
        Assert.All(rows, r => Assert.DoesNotContain('“', r["reports"]));
        Assert.All(rows, r => Assert.False(r["quotes"].Length == 0 && r["reports"].Length == 0, $"{r["slug"]} has no citation in the CSV"));
    }

    [Fact]
    public async Task The_feed_lists_each_events_sources_quotes_quoted_and_reports_unquoted()
    {
        var (_, body, _) = await GetAsync("/feed.atom");
        XNamespace atom = AtomFeed.Namespace;
        var entry = XDocument.Parse(body).Root!.Elements(atom + "entry")
            .Single(e => e.Element(atom + "id")!.Value == AtomFeed.EntryId("ruben-mayer-leaves-msl"));
        var content = entry.Element(atom + "content")!;

        Assert.Equal("html", content.Attribute("type")!.Value);
        Assert.Contains("Quote: <q lang=\"zh-Hans\">前Scale AI高管Ruben Mayer仅两个月便辞职</q>", content.Value, StringComparison.Ordinal);
        Assert.Contains("/sources/article-zh#q-6-62-91\">show in context</a>", content.Value, StringComparison.Ordinal);
        Assert.Contains("Report: TechCrunch reported that Ruben Mayer", content.Value, StringComparison.Ordinal);
        Assert.Contains("href=\"https://news.cgast.org/news/23610\">page read</a>", content.Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/events/no-such-event")]
    [InlineData("/people/no-such-person")]
    [InlineData("/sources/no-such-source")]
    [InlineData("/no/such/page")]
    public async Task An_unknown_event_person_or_source_is_a_real_404_with_the_not_found_page(string url)
    {
        var (status, body, mediaType) = await GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("text/html", mediaType);
        Assert.Contains("Page not found", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_article_page_shows_the_whole_text_with_every_quoted_passage_marked()
    {
        var (status, body, _) = await GetAsync("/sources/article-zh");

        Assert.Equal(HttpStatusCode.OK, status);
        var passages = Citations().Where(c => c.Source == "article-zh").Select(c => c.Locator).Distinct().Count();
        Assert.True(passages > 50, $"only {passages} passages");
        Assert.Equal(passages, PassageAnchor().Matches(body).Count);
        Assert.Equal(Shipped.Sources![0].Text!.Count, ParagraphBlock().Matches(body).Count);
        Assert.True(Regex.Matches(body, "<mark class=\"passage\"").Count >= passages);
    }

    /// <summary>Everything a reader or a script can get: pages, answers, the OpenAPI description and every export.</summary>
    public static TheoryData<string> Outputs => new()
    {
        "/", "/timeline", "/events/ruben-mayer-leaves-msl", "/people", "/people/ruben-mayer", "/figures", "/attrition", "/sources",
        "/sources/article-zh", "/sources/techcrunch-2025-08-scale-cracks", "/about", "/no-such-page",
        "/api/events?pageSize=200", "/api/events/llama-4-release", "/api/people/ruoming-pang", "/api/figures", "/api/sources",
        "/api/sources/article-zh?pageSize=1000", "/api/metrics/attrition", "/api/dataset", "/api/events.csv", "/feed.atom", "/openapi/v1.json",
    };

    [Theory]
    [MemberData(nameof(Outputs))]
    public async Task No_page_answer_or_export_names_a_file_of_ours(string url)
    {
        var (status, body, _) = await GetAsync(url);

        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{url} answered {(int)status}");
        var named = OurFiles().Matches(body).Select(m => m.Value).Distinct().ToList();
        Assert.True(named.Count == 0, $"{url} names files of ours: {string.Join(", ", named)}");
    }

    private static IEnumerable<CitationDto> Citations() =>
        Shipped.People!.SelectMany(p => p.Citations!).Concat(Shipped.Tenures!.SelectMany(t => t.Citations!))
            .Concat(Shipped.Events!.SelectMany(e => e.Citations!)).Concat(Shipped.Figures!.SelectMany(f => f.Citations!));

    [GeneratedRegex(@"\.md\b|shared/|(?<!api/)docs/|public-reporting|sources-register|meta-ai-turmoil|\.zh\.txt", RegexOptions.IgnoreCase)]
    private static partial Regex OurFiles();

    [GeneratedRegex("<span class=\"passage-anchor\" id=\"q-\\d+-\\d+-\\d+\"")]
    private static partial Regex PassageAnchor();

    [GeneratedRegex("class=\"source-paragraph\"")]
    private static partial Regex ParagraphBlock();
}
