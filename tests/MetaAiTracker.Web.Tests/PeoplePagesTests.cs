using Bunit;
using MetaAiTracker.Core.Domain;
using MetaAiTracker.Core.Services;
using MetaAiTracker.Web.Components.Pages.People;

namespace MetaAiTracker.Web.Tests;

public sealed class PeoplePagesTests(ShippedDatasetFixture fixture) : BunitTestBase(fixture)
{
    private IRenderedComponent<PeopleList> RenderList(string uri = "/people")
    {
        NavigateTo(uri);
        var cut = Render<PeopleList>();
        cut.WaitForElement("[data-testid=people-table]", TimeSpan.FromSeconds(10));
        return cut;
    }

    private static List<string> StaffNames(IRenderedComponent<PeopleList> cut) =>
        cut.FindAll("[data-testid=people-table] tbody [data-testid=person-link]").Select(a => a.TextContent.Trim()).ToList();

    [Fact]
    public async Task The_table_lists_staff_and_public_figures_apart()
    {
        var rows = await Service<PeopleService>().ListAsync();
        var cut = RenderList();

        Assert.Equal(rows.Where(r => r.Kind == PersonKind.Staff).Select(r => r.Name).Order(StringComparer.Ordinal), StaffNames(cut).Order(StringComparer.Ordinal));
        var publicFigures = cut.FindAll("[data-testid=public-figure-link]").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(rows.Where(r => r.Kind == PersonKind.PublicFigure).Select(r => r.Name).Order(StringComparer.Ordinal), publicFigures);
        Assert.Contains("Taylor Swift", publicFigures);
        Assert.DoesNotContain("Taylor Swift", StaffNames(cut));
        Assert.All(cut.FindAll(".public-figure"), li => Assert.Contains("Public figure", li.TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Searching_narrows_the_rows()
    {
        var cut = RenderList();
        var all = StaffNames(cut).Count;

        cut.Find("input[data-testid=people-search]").Input("openai");

        // The search re-queries the store: at once on SQLite, a moment later on PostgreSQL.
        // The six whose MSL tenure came from or went to OpenAI.
        cut.WaitForAssertion(() => Assert.Equal(6, StaffNames(cut).Count));
        var shown = StaffNames(cut);
        Assert.InRange(shown.Count, 1, all - 1);
        Assert.Equal(["Avi Verma", "Chaya Nayak", "Ethan Knight", "Hyung Won Chung", "Jason Wei", "Shengjia Zhao"], shown.Order(StringComparer.Ordinal));
        Assert.Equal($"Showing 6 of {all} staff members", cut.Find("[data-testid=people-count]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=public-figure-link]"));
    }

    [Fact]
    public void Searching_by_native_name_finds_the_person()
    {
        var cut = RenderList();

        cut.Find("input[data-testid=people-search]").Input("庞若鸣");

        cut.WaitForAssertion(() => Assert.Equal(["Ruoming Pang"], StaffNames(cut)));
        var native = cut.Find("[data-testid=people-table] tbody [lang=zh-Hans]");
        Assert.Equal("庞若鸣", native.TextContent.Trim());
    }

    [Fact]
    public void A_search_that_matches_nobody_says_so()
    {
        var cut = RenderList("/people?q=nobody-at-all");

        Assert.Empty(StaffNames(cut));
        Assert.Contains("No staff match", cut.Find("[data-testid=people-table]").TextContent, StringComparison.Ordinal);
        Assert.Contains("No public figures match", cut.Find("[data-testid=public-figures-empty]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Column_headers_sort_with_real_buttons_and_say_how_they_sort()
    {
        var withoutLabTime = (await Service<PeopleService>().ListAsync())
            .Where(r => r.Kind == PersonKind.Staff && r.DaysAtLab is null).Select(r => r.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Contains("Mark Zuckerberg", withoutLabTime);
        var cut = RenderList();
        var names = StaffNames(cut);

        var button = cut.Find("[data-testid=people-table] thead button[data-sort=name]");
        Assert.Equal("none", button.ParentElement!.Closest("th")!.GetAttribute("aria-sort"));
        button.Click();
        cut.WaitForAssertion(() => Assert.Equal(names.Order(StringComparer.OrdinalIgnoreCase), StaffNames(cut)));
        Assert.Equal("ascending", cut.Find("[data-testid=people-table] thead button[data-sort=name]").Closest("th")!.GetAttribute("aria-sort"));

        cut.Find("[data-testid=people-table] thead button[data-sort=name]").Click();
        cut.WaitForAssertion(() => Assert.Equal(names.OrderDescending(StringComparer.OrdinalIgnoreCase), StaffNames(cut)));
        Assert.Equal("descending", cut.Find("[data-testid=people-table] thead button[data-sort=name]").Closest("th")!.GetAttribute("aria-sort"));

        // People with no tenure (no time at MSL) stay last whichever way the days sort.
        string? DaysSort() => cut.Find("[data-testid=people-table] thead button[data-sort=days]").Closest("th")!.GetAttribute("aria-sort");
        cut.Find("[data-testid=people-table] thead button[data-sort=days]").Click();
        cut.WaitForAssertion(() => Assert.NotEqual("none", DaysSort()));
        var firstWay = DaysSort();
        Assert.Equal(withoutLabTime, StaffNames(cut).TakeLast(withoutLabTime.Count).Order(StringComparer.Ordinal));
        cut.Find("[data-testid=people-table] thead button[data-sort=days]").Click();
        cut.WaitForAssertion(() => Assert.NotEqual(firstWay, DaysSort()));
        Assert.Equal(withoutLabTime, StaffNames(cut).TakeLast(withoutLabTime.Count).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Estimated_times_are_marked()
    {
        var cut = RenderList();

        var mayer = cut.FindAll("[data-testid=people-table] tbody tr").Single(tr => tr.TextContent.Contains("Ruben Mayer", StringComparison.Ordinal));
        Assert.Contains("≈62 days", mayer.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wang", true)]
    [InlineData("ALEXANDR wang", true)]
    [InlineData("scale", true)]
    [InlineData("wang openai", false)]
    [InlineData("", true)]
    public void The_filter_needs_every_word(string query, bool matches)
    {
        var row = new PersonRow("alexandr-wang", "Alexandr Wang", null, PersonKind.Staff, "Chief AI Officer", "MSL", "Scale", null,
            PartialDate.Parse("2025-06"), null, 107, true);

        Assert.Equal(matches, PeopleFilter.Matches(row, query));
    }

    [Fact]
    public void A_person_page_shows_tenures_with_status_events_and_citations()
    {
        var cut = Render<PersonPage>(p => p.Add(x => x.Slug, "ruben-mayer"));
        cut.WaitForElement("[data-testid=person-name]", TimeSpan.FromSeconds(10));

        Assert.Equal("Ruben Mayer", cut.Find("[data-testid=person-name]").TextContent.Trim());
        var tenure = Assert.Single(cut.FindAll("[data-testid=tenure]"));
        Assert.Equal("disputed", tenure.QuerySelector(".status-badge")!.GetAttribute("data-status"));
        Assert.NotEmpty(tenure.QuerySelectorAll("[data-testid=citation]"));
        Assert.Contains(cut.FindAll("[data-testid=person-events] a"), a => a.GetAttribute("href")!.StartsWith("/events/", StringComparison.Ordinal));
    }

    [Fact]
    public void A_public_figure_page_says_they_were_never_staff()
    {
        var cut = Render<PersonPage>(p => p.Add(x => x.Slug, "taylor-swift"));
        cut.WaitForElement("[data-testid=person-name]", TimeSpan.FromSeconds(10));

        Assert.Contains("Public figure", cut.Find("[data-testid=person-kind]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=tenure]"));
    }

    [Fact]
    public void An_unknown_person_asks_for_the_not_found_page()
    {
        // The router answers it with the not-found page (a real 404 over HTTP: ProvenanceTests); the page itself shows nothing.
        var navigation = Service<Microsoft.AspNetCore.Components.NavigationManager>();
        var notFound = 0;
        navigation.OnNotFound += (_, _) => notFound++;

        var cut = Render<PersonPage>(p => p.Add(x => x.Slug, "no-such-person"));

        cut.WaitForAssertion(() => Assert.Equal(1, notFound), TimeSpan.FromSeconds(10));
        Assert.Empty(cut.FindAll("[data-testid=person-name]"));
    }
}
