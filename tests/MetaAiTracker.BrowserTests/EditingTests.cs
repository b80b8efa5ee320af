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
    public async Task An_editor_adds_a_quote_by_finding_the_words_in_the_archived_text_and_it_links_to_its_place()
    {
        var (page, errors) = await app.NewPageAsync();
        await EditorAppFixture.SignInAsync(page);
        await AppFixture.GotoInteractiveAsync(page, "/editor/events/verma-knight-return-to-openai/edit");

        var rows = page.Locator("[data-testid=citation-row]");
        var before = await rows.CountAsync();
        await page.Locator("[data-testid=add-quote]").ClickAsync();
        await Expect(rows).ToHaveCountAsync(before + 1);
        var row = rows.Last;

        // Only an archived text can be quoted: the sources without one are offered but disabled.
        await row.Locator("[data-testid=citation-source]").ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "(no archived text)" }).First).ToBeVisibleAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "(untitled) Chinese-language analysis" }).First.ClickAsync();

        // The words are found, not typed: search, then pick one of the places found.
        await row.Locator("[data-testid=passage-search]").FillAsync("相继“跳船”");
        var result = row.Locator("[data-testid=passage-result]");
        await Expect(result).ToHaveCountAsync(1);
        await Expect(result).ToContainTextAsync("¶6");
        await result.Locator("[data-testid=pick-sentence]").ClickAsync();
        await Expect(row.Locator("[data-testid=citation-quote]")).ToContainTextAsync("随后Rishabh Agarwal、Chaya Nayak等核心成员也相继“跳船”。");
        await Expect(row.Locator("[data-testid=citation-locator]")).ToContainTextAsync("paragraph 6");
        await row.Locator("[data-testid=citation-quote-en]").FillAsync("then core members jumped ship one after another (browser test)");
        await page.Locator("[data-testid=save]").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/events/verma-knight-return-to-openai$"));
        var quote = page.Locator("[data-testid=citation][data-kind=quote]");
        await Expect(quote).ToContainTextAsync("jumped ship one after another (browser test)");
        var context = await quote.Locator("[data-testid=show-in-context]").GetAttributeAsync("href");
        Assert.Matches(@"^/sources/article-zh#q-6-\d+-\d+$", context);

        // Put the event back as it was, for the other tests.
        var latest = page.Locator("[data-testid=history-item]").First;
        await latest.Locator("[data-testid=restore-before]").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Restore", Exact = true }).ClickAsync();
        await Expect(page.Locator("[data-testid=citation][data-kind=quote]")).ToHaveCountAsync(0);
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

        await page.Locator("[data-testid=citation-report]").First.FillAsync(" ");
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
