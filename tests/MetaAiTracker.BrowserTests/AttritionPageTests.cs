namespace MetaAiTracker.BrowserTests;

[Collection(AppCollection.Name)]
public sealed class AttritionPageTests(AppFixture app)
{
    [Fact]
    public async Task The_attrition_page_has_charts_with_data_points_and_a_table_view_for_each()
    {
        var (page, errors) = await app.NewPageAsync();
        await AppFixture.GotoInteractiveAsync(page, "/attrition");

        foreach (var name in new[] { "headcount", "flows", "time-to-departure", "destination", "cohort" })
        {
            var chart = page.Locator($"[data-testid=chart-{name}]");
            await Expect(chart).ToBeVisibleAsync();
            var points = await chart.Locator("svg path, svg circle, svg rect").CountAsync();
            Assert.True(points > 0, $"chart-{name} has no data points");

            var table = page.Locator($"[data-testid=table-{name}]");
            if (!await table.IsVisibleAsync())
            {
                // Tables may sit behind a "Show table" toggle; open it from the keyboard like a screen-reader user would.
                var toggle = page.Locator($"[data-testid=toggle-table-{name}]");
                await toggle.FocusAsync();
                await page.Keyboard.PressAsync("Enter");
            }

            await Expect(table).ToBeVisibleAsync();
            Assert.True(await table.Locator("tbody tr").CountAsync() > 0, $"table-{name} has no rows");
        }

        await Expect(page.Locator("body")).ToContainTextAsync("Disputed");
        Assert.Empty(errors);
    }
}
