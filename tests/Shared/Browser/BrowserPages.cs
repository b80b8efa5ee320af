using Microsoft.Playwright;

namespace MetaAiTracker.Tests.Shared;

/// <summary>What every browser test needs: the repository's root, a page that records errors, and a wait for the circuit.</summary>
public static class BrowserPages
{
    /// <summary>The folder that holds MetaAiTracker.sln (<see cref="Repository.Root"/>).</summary>
    public static string RepositoryRoot => Repository.Root;

    /// <summary>A new page (own context: own storage) on <paramref name="baseUrl"/> that records console errors and page errors.</summary>
    public static async Task<(IPage Page, List<string> Errors)> NewPageAsync(
        IBrowser browser, string baseUrl, int width = 1280, int height = 900, ColorScheme colorScheme = ColorScheme.Light, float timeout = 20_000)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = colorScheme,
            BaseURL = baseUrl,
        });
        context.SetDefaultTimeout(timeout);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error")
            {
                errors.Add($"console error on {page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => errors.Add($"page error on {page.Url}: {error}");
        return (page, errors);
    }

    /// <summary>Opens a page and waits until the Blazor circuit is live (the layout renders a marker after its first interactive render).</summary>
    public static async Task GotoInteractiveAsync(IPage page, string path)
    {
        await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        await page.Locator("[data-testid=circuit-ready]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    }
}
