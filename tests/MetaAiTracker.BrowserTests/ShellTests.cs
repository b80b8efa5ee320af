using Microsoft.Playwright;

namespace MetaAiTracker.BrowserTests;

/// <summary>Dark mode, phone width, console errors and the screenshots docs/user-guide.md uses, on every page.</summary>
[Collection(AppCollection.Name)]
public sealed class ShellTests(AppFixture app)
{
    public static readonly TheoryData<string, string> Pages = new()
    {
        { "overview", "/" },
        { "timeline", "/timeline?group=month" },
        { "event", "/events/ruben-mayer-leaves-msl" },
        { "people", "/people" },
        { "person", "/people/ruoming-pang" },
        { "attrition", "/attrition" },
        { "figures", "/figures" },
        { "sources", "/sources" },
        { "source-article", "/sources/article-zh" },
        { "about", "/about" },
        { "not-found", "/no-such-page" },
    };

    /// <summary>
    /// Where the screenshots go: an ignored folder under tests/TestResults, so a test run never rewrites a tracked file;
    /// <c>bash tests/screenshots.sh</c> sets METAAITRACKER_SCREENSHOTS=docs/images to refresh the user guide's pictures.
    /// </summary>
    internal static string ImagesFolder
    {
        get
        {
            var folder = Environment.GetEnvironmentVariable("METAAITRACKER_SCREENSHOTS") is { Length: > 0 } target
                ? Path.GetFullPath(target, AppFixture.RepositoryRoot)
                : Path.Combine(AppFixture.RepositoryRoot, "tests", "TestResults", "screenshots");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_renders_without_console_errors_in_light_and_dark_and_is_screenshotted(string name, string path)
    {
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            var (page, errors) = await app.NewPageAsync(colorScheme: scheme);
            await AppFixture.GotoInteractiveAsync(page, path);
            await Expect(page.Locator("h1").First).ToBeVisibleAsync();
            await page.WaitForTimeoutAsync(300); // let MudBlazor finish its transitions before the screenshot
            var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
            var luminance = Luminance(background);
            if (scheme == ColorScheme.Dark)
            {
                Assert.True(luminance < 0.2, $"{path} is not dark in dark mode (background {background})");
            }
            else
            {
                Assert.True(luminance > 0.8, $"{path} is not light in light mode (background {background})");
            }

            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ImagesFolder, $"{name}-{(scheme == ColorScheme.Dark ? "dark" : "light")}.png") });
            Assert.Empty(WithoutExpected404(name, errors));
            await page.Context.CloseAsync();
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task At_390px_nothing_scrolls_sideways(string name, string path)
    {
        var (page, errors) = await app.NewPageAsync(width: 390, height: 844);
        await AppFixture.GotoInteractiveAsync(page, path);
        await page.WaitForTimeoutAsync(300);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{path} scrolls sideways by {overflow}px at 390px");
        if (name is "overview" or "timeline" or "attrition" or "event" or "source-article")
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ImagesFolder, $"{name}-phone.png") });
        }

        Assert.Empty(WithoutExpected404(name, errors));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_unknown_address_answers_404_with_a_friendly_page()
    {
        var (page, errors) = await app.NewPageAsync();
        var response = await page.GotoAsync("/no-such-page");
        Assert.Equal(404, response!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Page not found");
        Assert.Empty(WithoutExpected404("not-found", errors));
    }

    /// <summary>The browser itself logs the 404 of the not-found page's own document; that one is expected.</summary>
    private static List<string> WithoutExpected404(string name, List<string> errors) =>
        name == "not-found" ? errors.Where(e => !e.Contains("status of 404", StringComparison.Ordinal)).ToList() : errors;

    [Fact]
    public async Task The_dark_mode_toggle_switches_and_persists_across_visits_and_back()
    {
        var (page, errors) = await app.NewPageAsync(colorScheme: ColorScheme.Light);
        await AppFixture.GotoInteractiveAsync(page, "/timeline");
        var light = await BackgroundLuminanceAsync(page);
        Assert.True(light > 0.8);

        await page.Locator("[data-testid=dark-mode-toggle]").ClickAsync();
        await page.WaitForFunctionAsync("() => window.localStorage.getItem('metaaitracker.theme') === 'dark'");
        await Expect(page.Locator("[data-testid=dark-mode-toggle]")).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.True(await BackgroundLuminanceAsync(page) < 0.2, "the toggle did not switch to dark");

        await AppFixture.GotoInteractiveAsync(page, "/");
        await page.WaitForFunctionAsync("() => { const c = getComputedStyle(document.body).backgroundColor; const m = c.match(/\\d+/g); return m && (+m[0] + +m[1] + +m[2]) < 150; }");

        await page.Locator("[data-testid=dark-mode-toggle]").ClickAsync();
        await page.WaitForFunctionAsync("() => window.localStorage.getItem('metaaitracker.theme') === 'light'");
        Assert.True(await BackgroundLuminanceAsync(page) > 0.8, "the toggle did not switch back to light");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_navigation_is_usable_from_the_keyboard()
    {
        var (page, errors) = await app.NewPageAsync();
        await AppFixture.GotoInteractiveAsync(page, "/");
        // Navigation focuses the page's h1 (FocusOnNavigate); start from the top of the document instead.
        await page.Locator(".skip-link").FocusAsync();
        await Expect(page.Locator(".skip-link")).ToBeVisibleAsync(); // the skip link shows itself when focused
        var visited = new List<string>();
        for (var i = 0; i < 15; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string>("() => (document.activeElement.getAttribute('href') || '') + ' ' + document.activeElement.tagName + ' ' + (document.activeElement.innerText || document.activeElement.getAttribute('aria-label') || '').trim().slice(0, 30)");
            visited.Add(focused);
            if (focused.StartsWith("/timeline A", StringComparison.Ordinal))
            {
                break;
            }
        }

        Assert.True(visited[^1].StartsWith("/timeline A", StringComparison.Ordinal), "Tab never reached the Timeline link: " + string.Join(" | ", visited));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/timeline$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Timeline");
        Assert.Empty(errors);
    }

    private static async Task<double> BackgroundLuminanceAsync(IPage page) =>
        Luminance(await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));

    /// <summary>Relative luminance (0 black … 1 white) of a CSS rgb()/rgba() colour.</summary>
    internal static double Luminance(string css)
    {
        var parts = css[(css.IndexOf('(', StringComparison.Ordinal) + 1)..css.IndexOf(')', StringComparison.Ordinal)]
            .Split(',').Select(p => double.Parse(p.Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        static double Channel(double c)
        {
            c /= 255;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return 0.2126 * Channel(parts[0]) + 0.7152 * Channel(parts[1]) + 0.0722 * Channel(parts[2]);
    }
}
