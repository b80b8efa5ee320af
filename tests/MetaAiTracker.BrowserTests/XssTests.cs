using MetaAiTracker.Data;
using MetaAiTracker.Data.Dataset;
using MetaAiTracker.Data.Editing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MetaAiTracker.BrowserTests;

/// <summary>
/// Hostile text in the dataset (an event title, a quote, a person's name, bio and role) is shown as text: no dialog
/// fires and the literal characters are on the page. The person page and the API/CSV/feed are built on other
/// branches and are not in this one.
/// </summary>
[Collection(EditorAppCollection.Name)]
public sealed class XssTests(EditorAppFixture app) : IAsyncLifetime
{
    private const string Payload = "<script>alert(1)</script><img src=x onerror=alert(2)>";

    public async Task InitializeAsync()
    {
        // Put the hostile entities in through the importer, as an editor uploading a file would.
        await using var scope = app.Services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<TrackerDbContext>>();
        DatasetDocument current;
        await using (var db = await factory.CreateDbContextAsync())
        {
            if (await db.Events.AnyAsync(e => e.Slug == "xss-probe"))
            {
                return;
            }

            current = await DatasetExporter.ExportAsync(db);
        }

        // A hostile archived text (quoted) and a hostile report of an addressed source.
        const string source = "xss-source";
        var reported = current.Sources!.First(s => s.Url is not null).Slug;
        var document = current with
        {
            Sources = [.. current.Sources!, new SourceDto
            {
                Slug = source, Kind = "article", Title = "XSS source " + Payload, Publisher = "Mallory Press " + Payload, Language = "en",
                Note = Payload, Text = ["Before " + Payload + " after", Payload],
            }],
            People = [.. current.People!, new PersonDto
            {
                Slug = "xss-person", Name = "Mallory " + Payload, Bio = Payload, Kind = "staff",
                Citations = [new CitationDto { Kind = "quote", Source = source, Quote = Payload, QuoteEn = Payload }],
            }],
            Events = [.. current.Events!, new EventDto
            {
                Slug = "xss-probe", Date = "2025-08-30", TitleEn = "XSS probe " + Payload, TitleZh = "测试 " + Payload,
                SummaryEn = Payload, SummaryZh = Payload, Themes = ["talent"], Importance = 1, Status = "reported",
                People = [new EventPersonDto { Person = "xss-person", Role = Payload }],
                Citations =
                [
                    new CitationDto { Kind = "quote", Source = source, Quote = Payload, QuoteEn = "English " + Payload, Locator = "¶2" },
                    new CitationDto { Kind = "report", Source = reported, Quote = "Mallory said " + Payload },
                ],
            }],
        };
        await scope.ServiceProvider.GetRequiredService<DatasetImporter>().ApplyAsync(document, deleteMissing: false, EditorAppFixture.Email);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_source_page_shows_a_hostile_archived_text_and_its_marked_passages_as_text()
    {
        var (page, errors, dialogs) = await NewWatchedPageAsync();

        await AppFixture.GotoInteractiveAsync(page, "/sources/xss-source");

        await Expect(page.Locator("h1")).ToHaveTextAsync("XSS source " + Payload);
        await Expect(page.Locator("[data-testid=source-paragraph]").First).ToContainTextAsync("Before " + Payload + " after");
        await Expect(page.Locator("mark.passage")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-testid=source-note]")).ToContainTextAsync(Payload);
        await AssertInertAsync(page, dialogs);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_event_page_shows_hostile_text_as_text()
    {
        var (page, errors, dialogs) = await NewWatchedPageAsync();

        await AppFixture.GotoInteractiveAsync(page, "/events/xss-probe");

        await Expect(page.Locator("[data-testid=event-page] h1")).ToHaveTextAsync("XSS probe " + Payload);
        await Expect(page.Locator("[data-testid=quote-original]").First).ToHaveTextAsync("“" + Payload + "”");
        await Expect(page.Locator("[data-testid=quote-english]").First).ToContainTextAsync("English " + Payload);
        await Expect(page.Locator("[data-testid=report-text]").First).ToContainTextAsync("reported that Mallory said " + Payload);
        await Expect(page.Locator("[data-testid=event-page]")).ToContainTextAsync("Mallory " + Payload);
        await AssertInertAsync(page, dialogs);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_timeline_shows_hostile_text_as_text()
    {
        var (page, errors, dialogs) = await NewWatchedPageAsync();

        await AppFixture.GotoInteractiveAsync(page, "/timeline?q=XSS%20probe");

        var card = page.Locator("[data-testid=timeline-item]");
        await Expect(card).ToHaveCountAsync(1);
        await Expect(card.Locator("h3")).ToHaveTextAsync("XSS probe " + Payload);
        await Expect(card).ToContainTextAsync("Mallory " + Payload);
        await AssertInertAsync(page, dialogs);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_person_editor_and_the_history_show_a_hostile_bio_as_text()
    {
        var (page, errors, dialogs) = await NewWatchedPageAsync();
        await EditorAppFixture.SignInAsync(page);

        await AppFixture.GotoInteractiveAsync(page, "/editor/people/xss-person/edit");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Edit person: Mallory " + Payload);
        await Expect(page.Locator("[data-testid=field-bio]")).ToHaveValueAsync(Payload);

        // The editor's lists show their first rows; the filter finds the person among the 40 the dataset ships.
        await AppFixture.GotoInteractiveAsync(page, "/editor");
        await page.Locator("input[data-testid=editor-filter]").FillAsync("xss-person");
        await Expect(page.Locator("[data-testid=people-list]")).ToContainTextAsync("Mallory " + Payload);
        await AssertInertAsync(page, dialogs);
        Assert.Empty(errors);
    }

    private async Task<(IPage Page, List<string> Errors, List<string> Dialogs)> NewWatchedPageAsync()
    {
        var (page, errors) = await app.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        return (page, errors, dialogs);
    }

    private static async Task AssertInertAsync(IPage page, List<string> dialogs)
    {
        // Give an injected handler every chance to run before checking that none did.
        await page.WaitForTimeoutAsync(500);
        Assert.Empty(dialogs);
        Assert.Equal(0, await page.Locator("img[src='x']").CountAsync());
        Assert.False(await page.EvaluateAsync<bool>("() => [...document.scripts].some(s => s.textContent.includes('alert('))"));
    }
}
