using Microsoft.AspNetCore.Hosting;

// Two app fixtures (two hosts of the same Program) must not start at the same time: the factory finds the app's host
// through a process-wide hook, so one could bind the other's host. On two cores, running them one after the other costs little.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace MetaAiTracker.BrowserTests;

/// <summary>The app of <see cref="AppFixture"/> with the first editor's account configured, as an operator would.</summary>
public sealed class EditorAppFixture : AppFixture
{
    public const string Email = "editor@example.org";
    public const string Password = "Browser-Test-2025!";

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Tracker:Admin:Email", Email);
        builder.UseSetting("Tracker:Admin:Password", Password);
        // Every test signs in from 127.0.0.1: more than the per-client limit a real client gets.
        builder.UseSetting("Tracker:SignIn:AttemptsPerClient", "10000");
    }

    /// <summary>Signs in through the real (static) sign-in form and waits for the editing page's circuit.</summary>
    public static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/account/login?returnUrl=%2Feditor");
        await page.Locator("#sign-in-email").FillAsync(Email);
        await page.Locator("#sign-in-password").FillAsync(Password);
        await page.Locator("[data-testid=sign-in-submit]").ClickAsync();
        await page.WaitForURLAsync("**/editor");
        await page.Locator("[data-testid=circuit-ready]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    }
}

[CollectionDefinition(Name)]
public sealed class EditorAppCollection : ICollectionFixture<EditorAppFixture>
{
    public const string Name = "editor-app";
}
