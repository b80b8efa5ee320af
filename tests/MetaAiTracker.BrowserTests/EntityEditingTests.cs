using System.Text.RegularExpressions;

namespace MetaAiTracker.BrowserTests;

/// <summary>The tenure, organisation and source editors and the account pages, in a real browser.</summary>
[Collection(EditorAppCollection.Name)]
public sealed class EntityEditingTests(EditorAppFixture app)
{
    [Fact]
    public async Task An_editor_adds_a_cited_tenure_to_a_person_sees_it_on_their_page_and_deletes_it()
    {
        var (page, errors) = await app.NewPageAsync();
        await EditorAppFixture.SignInAsync(page);

        await AppFixture.GotoInteractiveAsync(page, "/people/hyung-won-chung");
        var tenures = page.Locator("[data-testid=tenure]");
        var before = await tenures.CountAsync();
        await page.Locator("[data-testid=add-tenure]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/editor/tenures/new\\?person=hyung-won-chung$"));
        await Expect(page.Locator("[data-testid=field-person]")).ToHaveTextAsync("Hyung Won Chung");

        await page.Locator("[data-testid=field-slug]").FillAsync("hyung-won-chung-google-test");
        await ChooseAsync(page, "field-organization", "Google");
        await Expect(page.Locator("[data-testid=field-organization]")).ToContainTextAsync("Google");
        // Tab sends the role's change event before the next field is typed in (under load it could be lost otherwise).
        await page.Locator("[data-testid=field-role]").FillAsync("Research scientist (browser test)");
        await page.Locator("[data-testid=field-role]").PressAsync("Tab");
        // A date is checked as it is typed: an impossible month is named at once, and the message goes when it is mended.
        await page.Locator("[data-testid=field-start]").FillAsync("2019-13");
        await page.Locator("[data-testid=field-start]").PressAsync("Tab");
        await Expect(page.Locator("form[data-testid=tenure-editor]")).ToContainTextAsync("month 13 does not exist");
        await page.Locator("[data-testid=field-start]").FillAsync("2019");
        await page.Locator("[data-testid=field-end]").FillAsync("2023-Q1");
        await page.Locator("[data-testid=field-end]").PressAsync("Tab");
        await Expect(page.Locator("form[data-testid=tenure-editor]")).ToContainTextAsync("quarter precision: ");
        await Expect(page.Locator("form[data-testid=tenure-editor]")).Not.ToContainTextAsync("month 13 does not exist");

        // Without a citation the tenure is refused, with the message at the citations.
        await page.Locator("[data-testid=save]").ClickAsync();
        await Expect(page.Locator("[data-testid=save-problems]")).ToContainTextAsync("citations[0]");
        await Expect(page).ToHaveURLAsync(new Regex("/editor/tenures/new"));
        await Expect(page.Locator("[data-testid=field-role]")).ToHaveValueAsync("Research scientist (browser test)");

        // A new citation is a report: the editor's own sentence, from a source with an address.
        await ChooseAsync(page, "citation-source", "Another high-profile OpenAI researcher departs for Meta");
        await page.Locator("[data-testid=citation-report]").First.FillAsync("Hyung Won Chung had worked with Jason Wei at Google (浏览器测试).");
        await page.Locator("[data-testid=save]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/editor/tenures/hyung-won-chung-google-test/edit$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Edit tenure: Hyung Won Chung at Google");

        await AppFixture.GotoInteractiveAsync(page, "/people/hyung-won-chung");
        await Expect(tenures).ToHaveCountAsync(before + 1);
        var added = tenures.Filter(new() { HasText = "Research scientist (browser test)" });
        await Expect(added).ToContainTextAsync("Google");
        await Expect(added).ToContainTextAsync("浏览器测试");

        await added.Locator("[data-testid=edit-tenure]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/editor/tenures/hyung-won-chung-google-test/edit$"));
        await Expect(page.Locator("[data-testid=history-item]")).ToHaveCountAsync(1);
        await page.Locator("[data-testid=delete]").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/editor/people/hyung-won-chung/edit$"));
        await Expect(page.Locator("[data-testid=person-tenures]")).Not.ToContainTextAsync("browser test");

        await AppFixture.GotoInteractiveAsync(page, "/people/hyung-won-chung");
        await Expect(tenures).ToHaveCountAsync(before);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Deleting_a_cited_source_is_refused_with_how_many_citations_remain()
    {
        var (page, errors) = await app.NewPageAsync();
        await EditorAppFixture.SignInAsync(page);
        await AppFixture.GotoInteractiveAsync(page, "/editor/sources/article-zh/edit");

        await page.Locator("[data-testid=delete]").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();

        await Expect(page.Locator("[data-testid=save-problems]")).ToContainTextAsync(new Regex("Not deleted: \\d+ citations still cite this source"));
        await Expect(page).ToHaveURLAsync(new Regex("/editor/sources/article-zh/edit$"));
        Assert.Empty(errors);
    }

    public static readonly TheoryData<string, string> Pages = new()
    {
        { "tenure-editor", "/editor/tenures/ruoming-pang-msl/edit" },
        { "organization-editor", "/editor/organizations/msl/edit" },
        { "source-editor", "/editor/sources/article-zh/edit" },
        { "person-editor", "/editor/people/ruoming-pang/edit" },
        { "editor-home", "/editor" },
        { "password", "/account/password" },
        { "editors", "/account/editors" },
    };

    /// <summary>
    /// Each new page in light and dark mode at desktop width and at 390px: no console error, the right background,
    /// nothing scrolling sideways on a phone. The light desktop tenure editor is the screenshot in docs/editing.md;
    /// the others go to the test output folder to be looked at.
    /// </summary>
    [Fact]
    public async Task The_new_editor_pages_work_in_light_and_dark_mode_and_at_phone_width()
    {
        var shots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(shots);
        foreach (var (scheme, width) in new[] { (ColorScheme.Light, 1280), (ColorScheme.Dark, 1280), (ColorScheme.Light, 390) })
        {
            var (page, errors) = await app.NewPageAsync(width: width, height: width == 390 ? 844 : 900, colorScheme: scheme);
            await EditorAppFixture.SignInAsync(page);
            if (scheme == ColorScheme.Light && width == 1280)
            {
                // A second editor, added through the static form, so that the Editors page shows its lock and remove buttons.
                await page.GotoAsync("/account/editors");
                await page.Locator("#new-editor-email").FillAsync("second-editor@example.org");
                await page.Locator("[data-testid=add-editor-submit]").ClickAsync();
                await Expect(page.Locator("[data-testid=generated-password]")).ToHaveTextAsync(new Regex("^\\S{20,}$"));
                await Expect(page.Locator("[data-testid=editor-row]")).ToHaveCountAsync(2);
            }

            foreach (var row in Pages)
            {
                var (name, path) = ((string)row[0], (string)row[1]);
                if (path.StartsWith("/account", StringComparison.Ordinal))
                {
                    await page.GotoAsync(path);
                }
                else
                {
                    await AppFixture.GotoInteractiveAsync(page, path);
                }

                await Expect(page.Locator("h1").First).ToBeVisibleAsync();
                await page.WaitForTimeoutAsync(300); // let MudBlazor finish its transitions before measuring
                var file = $"{name}-{(scheme == ColorScheme.Dark ? "dark" : width == 390 ? "phone" : "light")}.png";
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, file), FullPage = true });
                if (file == "tenure-editor-light.png")
                {
                    await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ShellTests.ImagesFolder, file) });
                }
                var background = ShellTests.Luminance(await page.EvaluateAsync<string>(
                    "() => { for (let e = document.querySelector('.account-main') ?? document.body; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor; if (c !== 'rgba(0, 0, 0, 0)') return c; } return 'rgb(255, 255, 255)'; }"));
                Assert.True(scheme == ColorScheme.Dark ? background < 0.2 : background > 0.8, $"{path}: background luminance {background:F2} in {scheme} mode");
                if (width == 390)
                {
                    var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                    Assert.True(overflow <= 0, $"{path} scrolls sideways by {overflow}px at 390px");
                }

            }

            Assert.Empty(errors);
            await page.Context.CloseAsync();
        }
    }

    /// <summary>Opens a MudSelect (by its data-testid) and picks the option whose text contains <paramref name="text"/>.</summary>
    private static async Task ChooseAsync(IPage page, string testId, string text)
    {
        await page.Locator($"[data-testid={testId}]").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = text }).First.ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0); // the choice reached the server
    }
}
