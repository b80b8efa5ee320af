using Bunit;
using MetaAiTracker.Core.Domain;
using MetaAiTracker.Core.Services;
using MetaAiTracker.Web.Components.Pages.Events;
using MetaAiTracker.Web.Components.Pages.Sources;
using MetaAiTracker.Web.Components.Shared;

namespace MetaAiTracker.Web.Tests;

/// <summary>A quote and a report look like what they are, on the event page and on the source page.</summary>
public sealed class CitationRenderingTests(ShippedDatasetFixture fixture) : BunitTestBase(fixture)
{
    private static readonly SourceRef Article = new("article-zh", SourceKind.Article, "The article", "Unknown outlet", null,
        PartialDate.OfMonth(2025, 9), "zh-Hans", null, null, true);

    private static readonly SourceRef Wire = new("reuters-x", SourceKind.WireCopy, "Meta's AI leaders discuss", "Reuters", "HT Tech",
        PartialDate.OfDay(2025, 8, 30), "en", "https://tech.example/story", null, false);

    [Fact]
    public void A_quote_is_in_quotation_marks_with_its_rendering_and_a_link_to_its_place_in_the_text()
    {
        var quote = new CitationView(CitationKind.Quote, Article, "仅两个月便辞职", "resigned after only two months", new QuoteLocator(6, 80, 87));

        var cut = Render<CitationBlock>(p => p.Add(x => x.Citation, quote));

        Assert.Equal("quote", cut.Find("[data-testid=citation]").GetAttribute("data-kind"));
        Assert.Equal("“仅两个月便辞职”", cut.Find("[data-testid=quote-original]").TextContent.Trim());
        Assert.DoesNotContain("“", cut.Find("[data-testid=quote-english]").TextContent, StringComparison.Ordinal);
        Assert.Equal("/sources/article-zh#q-6-80-87", cut.Find("[data-testid=show-in-context]").GetAttribute("href"));
        Assert.Contains("paragraph 6", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_names_its_publisher_and_the_page_read_and_has_no_quotation_marks()
    {
        var report = new CitationView(CitationKind.Report, Wire, "MSL leaders discussed using Gemini in Meta AI.", null, null);

        var cut = Render<CitationBlock>(p => p.Add(x => x.Citation, report));

        Assert.Equal("report", cut.Find("[data-testid=citation]").GetAttribute("data-kind"));
        var text = cut.Find("[data-testid=report-text]").TextContent.Trim();
        Assert.Equal("Reuters reported that MSL leaders discussed using Gemini in Meta AI.", System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " "));
        Assert.DoesNotMatch("[“”\"]", cut.Find("[data-testid=citation]").TextContent);
        var page = cut.Find("[data-testid=page-read]");
        Assert.Equal("https://tech.example/story", page.GetAttribute("href"));
        Assert.Contains("HT Tech", page.TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=show-in-context]"));
    }

    [Fact]
    public void An_event_page_shows_each_citation_as_the_kind_it_is()
    {
        var cut = Render<EventPage>(p => p.Add(x => x.Slug, "ruben-mayer-leaves-msl"));
        cut.WaitForElement("[data-testid=event-page]", TimeSpan.FromSeconds(10));

        var kinds = cut.FindAll("[data-testid=citation]").Select(c => c.GetAttribute("data-kind")).ToList();
        Assert.Equal(["report", "report", "quote"], kinds);
        Assert.Equal("/sources/article-zh#q-6-62-91", cut.Find("[data-testid=show-in-context]").GetAttribute("href"));
    }

    [Fact]
    public void The_article_page_marks_every_quoted_passage_and_links_each_to_what_quotes_it()
    {
        var cut = Render<SourcePage>(p => p.Add(x => x.Slug, "article-zh"));
        cut.WaitForElement("[data-testid=archived-text]", TimeSpan.FromSeconds(10));

        Assert.Equal(14, cut.FindAll("[data-testid=source-paragraph]").Count);
        var anchors = cut.FindAll(".passage-anchor").Select(a => a.Id).ToList();
        Assert.True(anchors.Count > 50, $"{anchors.Count} passages");
        Assert.Equal(anchors.Count, anchors.Distinct().Count());
        Assert.Contains("q-6-62-91", anchors);
        var marks = cut.FindAll("mark.passage a");
        Assert.All(marks, a => Assert.Matches("^/(events|people|figures)/?", a.GetAttribute("href")!.Replace("#", "/", StringComparison.Ordinal)));
        Assert.Contains(marks, a => a.GetAttribute("href") == "/events/ruben-mayer-leaves-msl" || a.GetAttribute("href") == "/people/ruben-mayer");
        Assert.Contains("resigned after only two months", cut.Find("[data-testid=archived-text]").TextContent, StringComparison.Ordinal);
    }
}
