using MetaAiTracker.Tests.Shared;
using System.Text.RegularExpressions;

namespace MetaAiTracker.ScaleOutTests;

/// <summary>
/// Headless Chromium (Debian's) through nginx on loopback, with the repository's docs/deploy/nginx/metaaitracker.conf
/// (ip_hash affinity, WebSocket upgrade for /_blazor) in front of the two instances: the interactive timeline
/// filter, the attrition charts and an editor's sign-in all work through the proxy; and an event edited in the browser
/// on instance A is what instance B serves.
/// </summary>
[Collection(TwoInstancesCollection.Name)]
public sealed class BehindNginxTests(TwoInstancesFixture app) : IAsyncLifetime
{
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        var chromium = new[] { Environment.GetEnvironmentVariable("CHROMIUM_PATH"), "/usr/bin/chromium", "/usr/bin/chromium-browser" }
            .FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c))
            ?? throw new InvalidOperationException("Chromium not found: install Debian's chromium (tests/run.sh does this) or set CHROMIUM_PATH.");
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            Headless = true,
            ExecutablePath = chromium,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking"],
        });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    [Fact]
    public async Task The_timeline_theme_filter_works_through_the_proxy()
    {
        var (page, errors) = await NewPageAsync();
        await GotoInteractiveAsync(page, "/timeline");
        var all = await page.Locator("[data-testid=timeline-item]").CountAsync();

        var chip = page.Locator("[data-testid=theme-facets] button[data-theme=ethics-regulation]");
        var facetCount = int.Parse((await chip.Locator(".facet-count").InnerTextAsync()).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await chip.ClickAsync(); // handled over the circuit's WebSocket, through nginx

        await Expect(page).ToHaveURLAsync(new Regex("themes=ethics-regulation"));
        await Expect(chip).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.Locator("[data-testid=timeline-item]")).ToHaveCountAsync(facetCount);
        Assert.True(facetCount < all, $"the filter did not narrow the list: {facetCount} of {all}");
        Assert.Empty(errors);
        Assert.Contains(app.AccessLog(), l => l.Contains("/_blazor", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_attrition_page_renders_its_charts_through_the_proxy()
    {
        var (page, errors) = await NewPageAsync();
        await GotoInteractiveAsync(page, "/attrition");
        foreach (var name in new[] { "headcount", "flows", "time-to-departure", "destination", "cohort" })
        {
            var chart = page.Locator($"[data-testid=chart-{name}]");
            await Expect(chart).ToBeVisibleAsync();
            Assert.True(await chart.Locator("svg path, svg circle, svg rect").CountAsync() > 0, $"chart-{name} has no data points");
        }

        Assert.Empty(errors);
    }

    [Fact]
    public async Task An_editor_signs_in_through_the_proxy()
    {
        var (page, errors) = await NewPageAsync();
        await page.GotoAsync("/account/login?returnUrl=%2Feditor");
        await page.Locator("#sign-in-email").FillAsync(TwoInstancesFixture.EditorEmail);
        await page.Locator("#sign-in-password").FillAsync(TwoInstancesFixture.EditorPassword);
        await page.Locator("[data-testid=sign-in-submit]").ClickAsync();
        await page.WaitForURLAsync("**/editor");
        await page.Locator("[data-testid=circuit-ready]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await Expect(page.GetByText(TwoInstancesFixture.EditorEmail).First).ToBeVisibleAsync();
        Assert.Empty(errors);
    }

    [Fact]
    public async Task An_event_edited_in_the_browser_on_instance_A_is_served_changed_by_instance_B()
    {
        // Straight to instance A (no proxy): sign in, edit the title in the editor page, save over A's circuit.
        var (page, errors) = await BrowserPages.NewPageAsync(_browser, app.A.Url, timeout: 30_000);
        await page.GotoAsync("/account/login?returnUrl=%2Feditor");
        await page.Locator("#sign-in-email").FillAsync(TwoInstancesFixture.EditorEmail);
        await page.Locator("#sign-in-password").FillAsync(TwoInstancesFixture.EditorPassword);
        await page.Locator("[data-testid=sign-in-submit]").ClickAsync();
        await page.WaitForURLAsync("**/editor");

        await GotoInteractiveAsync(page, "/editor/events/msl-formed/edit");
        var title = page.Locator("[data-testid=field-title-en]");
        var original = await title.InputValueAsync();
        var edited = original + " (edited in a browser on A)";
        await title.FillAsync(edited);
        await title.PressAsync("Tab");
        await page.Locator("[data-testid=save]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/events/msl-formed$"));
        Assert.Empty(errors);

        // Instance B serves the change: its API and its event page.
        using var http = new HttpClient();
        using var api = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(app.B.Url + "/api/events/msl-formed"));
        Assert.Equal(edited, api.RootElement.GetProperty("titleEn").GetString());
        Assert.Contains(System.Net.WebUtility.HtmlEncode(edited), await http.GetStringAsync(app.B.Url + "/events/msl-formed"), StringComparison.Ordinal);
    }

    private Task<(IPage Page, List<string> Errors)> NewPageAsync() => BrowserPages.NewPageAsync(_browser, app.ProxyUrl, timeout: 30_000);

    private static Task GotoInteractiveAsync(IPage page, string path) => BrowserPages.GotoInteractiveAsync(page, path);
}
