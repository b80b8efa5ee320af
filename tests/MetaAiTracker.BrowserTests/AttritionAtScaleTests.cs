using MetaAiTracker.Benchmarks;
using MetaAiTracker.Data;
using MetaAiTracker.Data.Dataset;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MetaAiTracker.BrowserTests;

/// <summary>
/// The app with seeding off and a generated 8,000-event store loaded instead: a few hundred leavers from MSL,
/// enough for the time chart to become a histogram and the departures table to page.
/// </summary>
public sealed class ManyLeaversAppFixture : AppFixture, IAsyncLifetime
{
    public const int Events = 8_000;

    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Tracker:Seed:Enabled", "false");

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var factory = Services.GetRequiredService<IDbContextFactory<TrackerDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        await DatasetLoader.LoadAsync(db, SyntheticDataset.Generate(Events, seed: 42));
    }
}

[CollectionDefinition(Name)]
public sealed class ManyLeaversAppCollection : ICollectionFixture<ManyLeaversAppFixture>
{
    public const string Name = "many-leavers-app";
}

[Collection(ManyLeaversAppCollection.Name)]
public sealed class AttritionAtScaleTests(ManyLeaversAppFixture app)
{
    [Theory]
    [InlineData(1280, ColorScheme.Light, "attrition-at-scale-light.png")]
    [InlineData(1280, ColorScheme.Dark, "attrition-at-scale-dark.png")]
    [InlineData(390, ColorScheme.Light, "attrition-at-scale-phone.png")]
    public async Task Thousands_of_leavers_draw_a_histogram_and_the_departures_table_pages_from_the_keyboard(int width, ColorScheme scheme, string shot)
    {
        var (page, errors) = await app.NewPageAsync(width: width, height: 900, colorScheme: scheme);
        await AppFixture.GotoInteractiveAsync(page, "/attrition");

        // The time chart is a histogram: a dozen bars at most, not one per leaver.
        await Expect(page.Locator("[data-testid=time-histogram-note]")).ToBeVisibleAsync();
        var bars = await page.Locator("[data-testid=chart-time-to-departure] svg path.mud-chart-bar").CountAsync();
        Assert.InRange(bars, 2, 12);
        Assert.InRange(await page.Locator("[data-testid=table-time-bins] tbody tr").CountAsync(), 2, 12);

        // A page of 50 departures, then 50 more from the keyboard (Tab focus + Enter, as a keyboard user would).
        var rows = page.Locator("[data-testid=table-time-to-departure] tbody tr");
        Assert.Equal(50, await rows.CountAsync());
        var count = page.Locator("[data-testid=more-departures] .more-rows-count");
        await Expect(count).ToContainTextAsync("Showing 50 of ");
        var button = page.Locator("[data-testid=more-departures-button]");
        await button.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(rows).ToHaveCountAsync(100);
        await Expect(count).ToContainTextAsync("Showing 100 of ");

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the attrition page scrolls sideways by {overflow}px at {width}px");

        await page.WaitForTimeoutAsync(300);
        await page.Locator("[data-testid=chart-time-to-departure]").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ShellTests.ImagesFolder, shot) });
        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }
}
