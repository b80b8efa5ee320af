using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace MetaAiTracker.BrowserTests;

/// <summary>
/// Checking a citation in a real browser: the article's page shows the whole text with its quoted passages marked, a
/// marked passage leads to what quotes it, a quote leads back to its place, and a report shows whose reporting it is and
/// the page read, never in quotation marks.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SourcePageTests(AppFixture app)
{
    [Fact]
    public async Task The_article_page_shows_the_whole_text_with_more_than_fifty_marked_passages()
    {
        var (page, errors) = await app.NewPageAsync();
        await AppFixture.GotoInteractiveAsync(page, "/sources/article-zh");

        await Expect(page.Locator("[data-testid=source-paragraph]")).ToHaveCountAsync(14);
        var passages = await page.Locator(".passage-anchor").CountAsync();
        Assert.True(passages > 50, $"{passages} marked passages");
        await Expect(page.Locator("[data-testid=source-text-status]")).ToContainTextAsync("archived here, 14 paragraphs");
        await Expect(page.Locator("mark.passage").First).ToBeVisibleAsync();
        var background = await page.Locator("mark.passage").First.EvaluateAsync<string>("m => getComputedStyle(m).backgroundColor");
        Assert.NotEqual("rgba(0, 0, 0, 0)", background);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_marked_passage_leads_to_its_event_and_the_events_quote_leads_back_to_its_place()
    {
        var (page, errors) = await app.NewPageAsync();
        await AppFixture.GotoInteractiveAsync(page, "/sources/article-zh");

        var mark = page.Locator("mark.passage a[href^='/events/']").First;
        var href = await mark.GetAttributeAsync("href");
        var anchor = await page.Locator("mark.passage", new() { Has = page.Locator($"a[href='{href}']") }).First.GetAttributeAsync("data-q");
        await mark.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(href!) + "$"));
        await Expect(page.Locator("[data-testid=event-page]")).ToBeVisibleAsync();

        // Among the event's quotes, one is that passage: following it comes back to the marked place in the text.
        var id = anchor!.Split(' ')[0];
        var back = page.Locator($"[data-testid=show-in-context][href$='#{id}']");
        await Expect(back).ToHaveCountAsync(1);
        await back.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/sources/article-zh#{id}$"));
        var target = page.Locator($"mark.passage.is-target[data-q~='{id}']").First;
        await Expect(target).ToBeVisibleAsync();
        await Expect(target).ToBeInViewportAsync();
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Show_in_context_opens_the_article_at_the_quoted_words()
    {
        var (page, errors) = await app.NewPageAsync(width: 390, height: 844);
        await AppFixture.GotoInteractiveAsync(page, "/events/ruben-mayer-leaves-msl");
        var quote = page.Locator("[data-testid=citation][data-kind=quote]");
        var words = (await quote.Locator("[data-testid=quote-original]").InnerTextAsync()).Trim('“', '”', ' ', '\n');

        await quote.Locator("[data-testid=show-in-context]").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/sources/article-zh#q-6-62-91$"));
        var marked = page.Locator("mark.passage.is-target");
        await Expect(marked.First).ToBeInViewportAsync();
        Assert.Equal(words, string.Concat(await marked.AllInnerTextsAsync()));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_report_shows_its_publisher_and_the_page_read_without_quotation_marks()
    {
        var (page, errors) = await app.NewPageAsync();
        await AppFixture.GotoInteractiveAsync(page, "/events/ruben-mayer-leaves-msl");

        var report = page.Locator("[data-testid=citation][data-kind=report]").First;
        var text = await report.InnerTextAsync();
        Assert.StartsWith("TechCrunch reported that Ruben Mayer", (await report.Locator("[data-testid=report-text]").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        Assert.DoesNotMatch("[“”\"「」]", text);
        var read = report.Locator("[data-testid=page-read]");
        Assert.Equal("https://news.cgast.org/news/23610", await read.GetAttributeAsync("href"));
        Assert.Equal("_blank", await read.GetAttributeAsync("target"));
        await Expect(read).ToContainTextAsync("cgast");

        await report.Locator("[data-testid=source-link]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/sources/techcrunch-2025-08-scale-cracks$"));
        await Expect(page.Locator("[data-testid=source-publisher]")).ToHaveTextAsync("TechCrunch");
        await Expect(page.Locator("[data-testid=source-text-status]")).ToContainTextAsync("not archived");
        await Expect(page.Locator("[data-testid=source-note]")).ToContainTextAsync("28 August 2025");
        Assert.Empty(errors);
    }
}
