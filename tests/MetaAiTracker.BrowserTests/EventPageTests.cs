using System.Text.RegularExpressions;

namespace MetaAiTracker.BrowserTests;

[Collection(AppCollection.Name)]
public sealed class EventPageTests(AppFixture app)
{
    [Fact]
    public async Task Opening_an_event_shows_the_chinese_quote_beside_its_english_rendering()
    {
        var (page, errors) = await app.NewPageAsync();
        await AppFixture.GotoInteractiveAsync(page, "/timeline?q=Ruben%20Mayer");
        await page.Locator("[data-testid=timeline-item] h3 a").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/events/"));
        await Expect(page.Locator("[data-testid=event-page]")).ToBeVisibleAsync();

        var chinese = page.Locator("[data-testid=citation] [data-testid=quote-original][lang=zh-Hans]").First;
        await Expect(chinese).ToBeVisibleAsync();
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", await chinese.InnerTextAsync());
        var english = chinese.Locator("xpath=ancestor::*[@data-testid='citation']//*[@data-testid='quote-english']");
        await Expect(english).ToBeVisibleAsync();
        Assert.Matches("[A-Za-z]{3,}", await english.InnerTextAsync());

        await Expect(page.Locator("[data-testid=event-status]")).ToContainTextAsync("Disputed");
        await Expect(page.Locator("[data-testid=next-event]")).ToBeVisibleAsync();
        Assert.Empty(errors);
    }
}
