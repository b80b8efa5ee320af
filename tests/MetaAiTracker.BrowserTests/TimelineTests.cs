using MetaAiTracker.Core.Services;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace MetaAiTracker.BrowserTests;

[Collection(AppCollection.Name)]
public sealed partial class TimelineTests(AppFixture app)
{
    [GeneratedRegex(@"^(\d+) of (\d+) events$")]
    private static partial Regex CountPattern();

    private static async Task<(int Shown, int Total)> CountsAsync(IPage page)
    {
        var text = (await page.Locator("[data-testid=result-count]").InnerTextAsync()).Trim();
        var match = CountPattern().Match(text);
        Assert.True(match.Success, $"unexpected count text '{text}'");
        return (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Filtering_by_a_theme_shrinks_the_list_changes_the_url_and_survives_a_reload()
    {
        var (page, errors) = await app.NewPageAsync();
        await AppFixture.GotoInteractiveAsync(page, "/timeline");

        // Every event counts; the first page of them is listed.
        var (shownBefore, total) = await CountsAsync(page);
        Assert.Equal(total, shownBefore);
        Assert.Equal(Math.Min(total, TimelineFilter.DefaultPageSize), await page.Locator("[data-testid=timeline-item]").CountAsync());

        var chip = page.Locator("[data-testid=theme-facets] button[data-theme=ethics-regulation]");
        var facetCount = int.Parse((await chip.Locator(".facet-count").InnerTextAsync()).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await chip.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("themes=ethics-regulation"));
        await Expect(chip).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.Locator("[data-testid=timeline-item]")).ToHaveCountAsync(Math.Min(facetCount, TimelineFilter.DefaultPageSize));
        var (shownAfter, _) = await CountsAsync(page);
        Assert.Equal(facetCount, shownAfter);
        Assert.True(shownAfter < shownBefore, $"the list did not shrink: {shownAfter} of {shownBefore}");
        foreach (var item in await page.Locator("[data-testid=timeline-item]").AllAsync())
        {
            Assert.True(await item.Locator(".theme-chip[data-theme=ethics-regulation]").CountAsync() == 1, "an event without the chosen theme is listed");
        }

        await page.ReloadAsync();
        await page.Locator("[data-testid=circuit-ready]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        Assert.Contains("themes=ethics-regulation", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("[data-testid=theme-facets] button[data-theme=ethics-regulation]")).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.Equal(shownAfter, (await CountsAsync(page)).Shown);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_shared_link_restores_text_date_and_grouping_and_an_empty_result_says_what_to_loosen()
    {
        var (page, errors) = await app.NewPageAsync();
        await AppFixture.GotoInteractiveAsync(page, "/timeline?themes=talent&q=OpenAI&from=2025-06&to=2025-09&group=month");

        var (shown, total) = await CountsAsync(page);
        Assert.InRange(shown, 1, total - 1);
        Assert.Equal("OpenAI", await page.Locator("[data-testid=text-filter]").InputValueAsync());
        Assert.Equal("2025-06", await page.Locator("[data-testid=from-filter]").InputValueAsync());
        var groups = await page.Locator("[data-testid=timeline-group] h2").AllInnerTextsAsync();
        Assert.NotEmpty(groups);
        Assert.All(groups, g => Assert.Matches(@"^(Jun|Jul|Aug|Sep) 2025", g));

        // No data-quality complaint is confirmed (Meta denied them): nothing matches.
        await AppFixture.GotoInteractiveAsync(page, "/timeline?themes=data-quality&status=confirmed");
        await Expect(page.Locator("[data-testid=empty-state]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=empty-state]")).ToContainTextAsync("Remove the status filter");
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("若鸣", 1280, ColorScheme.Light)]
    [InlineData("pang", 390, ColorScheme.Dark)]
    public async Task Typing_part_of_a_name_offers_the_person_and_choosing_them_filters_the_list_and_the_url(string typed, int width, ColorScheme scheme)
    {
        var (page, errors) = await app.NewPageAsync(width: width, colorScheme: scheme);
        await AppFixture.GotoInteractiveAsync(page, "/timeline");
        var (_, total) = await CountsAsync(page);

        var input = page.Locator("[data-testid=people-filter] input");
        await input.ClickAsync();
        await input.PressSequentiallyAsync(typed, new() { Delay = 50 });
        await Expect(input).ToHaveValueAsync(typed); // nothing typed is lost while the search runs
        var option = page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "Ruoming Pang" });
        await Expect(option).ToBeVisibleAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "Mark Zuckerberg" })).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"metaaitracker-people-picker-{width}-{scheme}.png") });
        await option.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("people=ruoming-pang"));
        var chip = page.Locator("[data-testid=people-filter-chosen] button[data-slug=ruoming-pang]");
        await Expect(chip).ToContainTextAsync("庞若鸣");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"metaaitracker-people-chosen-{width}-{scheme}.png") });
        await Expect(page.Locator("[data-testid=timeline-item]")).Not.ToHaveCountAsync(total);
        var (shown, _) = await CountsAsync(page);
        Assert.InRange(shown, 1, total - 1);
        foreach (var item in await page.Locator("[data-testid=timeline-item]").AllAsync())
        {
            await Expect(item).ToContainTextAsync("Ruoming Pang");
        }

        // The chip removes the person again (keyboard: it is a button).
        await chip.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).Not.ToHaveURLAsync(new Regex("people="));
        await Expect(page.Locator("[data-testid=timeline-item]")).ToHaveCountAsync(Math.Min(total, TimelineFilter.DefaultPageSize));
        Assert.Equal(total, (await CountsAsync(page)).Shown);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_header_search_jumps_to_the_timeline_with_chinese_text()
    {
        var (page, errors) = await app.NewPageAsync();
        await AppFixture.GotoInteractiveAsync(page, "/");
        await page.Locator("#app-search-input").FillAsync("庞若鸣");
        await page.Locator("#app-search-input").PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex(@"/timeline\?q="));
        await Expect(page.Locator("[data-testid=timeline-item]").First).ToBeVisibleAsync();
        var (shown, total) = await CountsAsync(page);
        Assert.InRange(shown, 1, total - 1);
        Assert.Empty(errors);
    }
}
