using System.Text.RegularExpressions;

namespace MetaAiTracker.BrowserTests;

[Collection(EditorAppCollection.Name)]
public sealed class EditingTests(EditorAppFixture app)
{
    [Fact]
    public async Task An_editor_signs_in_edits_a_title_sees_it_on_the_timeline_and_restores_the_earlier_version()
    {
        var (page, errors) = await app.NewPageAsync();
        await EditorAppFixture.SignInAsync(page);

        await AppFixture.GotoInteractiveAsync(page, "/events/msl-formed");
        var heading = page.Locator("[data-testid=event-page] h1");
        var original = await heading.InnerTextAsync();
        await page.Locator("[data-testid=edit-event]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/editor/events/msl-formed/edit$"));

        const string Edited = "MSL formed (title edited in a browser test)";
        var title = page.Locator("[data-testid=field-title-en]");
        await Expect(title).ToHaveValueAsync(original);
        await title.FillAsync(Edited);
        await title.PressAsync("Tab");
        await page.Locator("[data-testid=save]").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/events/msl-formed$"));
        await Expect(heading).ToHaveTextAsync(Edited);

        await AppFixture.GotoInteractiveAsync(page, "/timeline?q=" + Uri.EscapeDataString("edited in a browser test"));
        await Expect(page.Locator("[data-testid=timeline-item] h3 a")).ToHaveTextAsync([Edited]);

        await AppFixture.GotoInteractiveAsync(page, "/events/msl-formed");
        var latest = page.Locator("[data-testid=history-item]").First;
        await Expect(latest).ToContainTextAsync(EditorAppFixture.Email);
        await latest.Locator("[data-testid=restore-before]").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Restore", Exact = true }).ClickAsync();

        await Expect(heading).ToHaveTextAsync(original);
        await Expect(page.Locator("[data-testid=history-item]")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-testid=history-item]").First).ToContainTextAsync("Restored the version before change");

        await AppFixture.GotoInteractiveAsync(page, "/timeline?q=" + Uri.EscapeDataString("edited in a browser test"));
        await Expect(page.Locator("[data-testid=empty-state]")).ToBeVisibleAsync();
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_field_problem_is_shown_beside_its_field_and_nothing_is_saved()
    {
        var (page, errors) = await app.NewPageAsync();
        await EditorAppFixture.SignInAsync(page);
        await AppFixture.GotoInteractiveAsync(page, "/editor/events/llama-4-release/edit");

        var date = page.Locator("[data-testid=field-date]");
        await date.FillAsync("2025-02-30");
        await date.PressAsync("Tab");
        await Expect(page.Locator("form[data-testid=event-editor]")).ToContainTextAsync("Feb 2025 has no day 30");

        await page.Locator("[data-testid=citation-quote]").First.FillAsync(" ");
        await page.Locator("[data-testid=save]").ClickAsync();

        await Expect(page.Locator("[data-testid=save-problems]")).ToContainTextAsync("citations[0].quote");
        await Expect(page.Locator("[data-testid=citation-row]").First).ToContainTextAsync("required");
        await Expect(page).ToHaveURLAsync(new Regex("/editor/events/llama-4-release/edit$"));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task An_anonymous_visitor_sees_no_edit_button_and_is_sent_to_sign_in()
    {
        var (page, _) = await app.NewPageAsync();
        await AppFixture.GotoInteractiveAsync(page, "/events/msl-formed");
        await Expect(page.Locator("[data-testid=event-page]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=edit-event]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=change-history]")).ToHaveCountAsync(0);

        await page.GotoAsync("/editor/events/msl-formed/edit");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login\\?ReturnUrl="));
        await Expect(page.Locator("[data-testid=sign-in-form]")).ToBeVisibleAsync();
    }
}
