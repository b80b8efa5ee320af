using Bunit;
using MetaAiTracker.Core.Services;
using MetaAiTracker.Web.Components.Pages.Timeline;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;

namespace MetaAiTracker.Web.Tests;

/// <summary>The timeline's filters and the URL that carries them, rendered over the shipped dataset.</summary>
public sealed class TimelinePageTests(ShippedDatasetFixture fixture) : BunitTestBase(fixture)
{
    private IRenderedComponent<TimelinePage> RenderAt(string uri)
    {
        NavigateTo(uri);
        var cut = Render<TimelinePage>();
        cut.WaitForElement("[data-testid=result-count]", TimeSpan.FromSeconds(10));
        return cut;
    }

    private static TimelineFilter FilterOf(string uri)
    {
        var query = QueryHelpers.ParseQuery(new Uri(new Uri("http://localhost"), uri).Query);
        var (filter, errors) = TimelineFilterParser.Parse(name => query.TryGetValue(name, out var v) ? v.ToString() : null);
        Assert.Empty(errors);
        return filter;
    }

    private string CurrentUri => Services.GetService(typeof(NavigationManager)) is NavigationManager nav ? nav.Uri : string.Empty;

    [Fact]
    public async Task A_shared_link_restores_every_filter_and_shows_what_the_service_finds()
    {
        const string link = "/timeline?themes=talent,data-quality&q=Scale&from=2025-06&to=2025-09&group=month";
        var cut = RenderAt(link);

        var expected = await Service<TimelineService>().QueryAsync(FilterOf(link));
        Assert.InRange(expected.Total, 1, expected.TotalInStore - 1);
        Assert.Equal($"{expected.Total} of {expected.TotalInStore} events", cut.Find("[data-testid=result-count]").TextContent.Trim());
        Assert.Equal(expected.Items.Select(i => i.Slug), cut.FindAll("[data-testid=timeline-item]").Select(li => li.GetAttribute("data-slug")));

        var pressed = cut.FindAll("[data-testid=theme-facets] button[aria-pressed=true]").Select(b => b.GetAttribute("data-theme")).ToList();
        Assert.Equal(["talent", "data-quality"], pressed.Order(StringComparer.Ordinal).Reverse());
        Assert.Equal("Scale", cut.Find("input[data-testid=text-filter]").GetAttribute("value"));
        Assert.Equal("2025-06", cut.Find("input[data-testid=from-filter]").GetAttribute("value"));
        Assert.Equal("2025-09", cut.Find("input[data-testid=to-filter]").GetAttribute("value"));
        Assert.All(cut.FindAll("[data-testid=timeline-group] h2"), h => Assert.Matches(@"^(Jun|Jul|Aug|Sep) 2025", h.TextContent.Trim()));
    }

    [Fact]
    public void Choosing_a_theme_writes_it_into_the_url_and_keeps_the_other_filters()
    {
        var cut = RenderAt("/timeline?q=Meta&group=quarter&page=2&pageSize=5");

        cut.Find("[data-testid=theme-facets] button[data-theme=ethics-regulation]").Click();

        cut.WaitForAssertion(() => Assert.Contains("ethics-regulation", CurrentUri, StringComparison.Ordinal));
        var after = FilterOf(new Uri(CurrentUri).PathAndQuery);
        Assert.Equal(["ethics-regulation"], after.Themes);
        Assert.Equal("Meta", after.Text);
        Assert.Equal(TimelineGrouping.Quarter, after.Group);
        Assert.Equal(5, after.PageSize);
        Assert.Equal(1, after.Page); // a new filter starts again at the first page
    }

    [Fact]
    public async Task Chosen_people_and_organisations_from_a_link_show_as_named_chips_without_loading_everyone()
    {
        const string link = "/timeline?people=ruoming-pang&orgs=apple";
        var cut = RenderAt(link);

        var expected = await Service<TimelineService>().QueryAsync(FilterOf(link));
        Assert.InRange(expected.Total, 1, expected.TotalInStore - 1);
        Assert.Equal(expected.Items.Select(i => i.Slug), cut.FindAll("[data-testid=timeline-item]").Select(li => li.GetAttribute("data-slug")));
        var person = cut.Find("[data-testid=people-filter-chosen] button[data-slug=ruoming-pang]");
        Assert.Contains("Ruoming Pang (庞若鸣)", person.TextContent, StringComparison.Ordinal);
        Assert.Equal("Remove Ruoming Pang (庞若鸣)", person.GetAttribute("aria-label"));
        Assert.Contains("Apple (苹果)", cut.Find("[data-testid=orgs-filter-chosen] button[data-slug=apple]").TextContent, StringComparison.Ordinal);
        // The pickers list nobody until asked: no option of the 20 people or 15 organisations is in the page.
        Assert.Empty(cut.FindAll(".mud-list-item"));
    }

    [Fact]
    public void Removing_a_chosen_person_takes_them_out_of_the_url_and_keeps_the_rest()
    {
        var cut = RenderAt("/timeline?people=ruoming-pang,alexandr-wang&q=Meta&page=2&pageSize=1");

        cut.Find("[data-testid=people-filter-chosen] button[data-slug=ruoming-pang]").Click();

        // The handler may await the store before it navigates (truly asynchronous on PostgreSQL).
        cut.WaitForAssertion(() =>
        {
            var after = FilterOf(new Uri(CurrentUri).PathAndQuery);
            Assert.Equal(["alexandr-wang"], after.People);
            Assert.Equal("Meta", after.Text);
            Assert.Equal(1, after.Page);
        });
    }

    [Fact]
    public void An_unknown_person_in_a_link_is_reported_and_left_out()
    {
        var cut = RenderAt("/timeline?people=nobody-here,ruoming-pang");

        Assert.Contains("nobody-here", cut.Find("[data-testid=filter-errors]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["ruoming-pang"], cut.FindAll("[data-testid=people-filter-chosen] button").Select(b => b.GetAttribute("data-slug")));
    }

    [Fact]
    public void Unpressing_a_theme_removes_it_from_the_url()
    {
        var cut = RenderAt("/timeline?themes=talent,partnerships&match=all");

        cut.Find("[data-testid=theme-facets] button[data-theme=talent]").Click();

        cut.WaitForAssertion(() => Assert.DoesNotContain("talent", CurrentUri, StringComparison.Ordinal));
        var after = FilterOf(new Uri(CurrentUri).PathAndQuery);
        Assert.Equal(["partnerships"], after.Themes);
        Assert.Equal(ThemeMatch.All, after.Match);
    }

    [Fact]
    public async Task Theme_chip_counts_are_the_service_facets_for_the_current_filter()
    {
        const string link = "/timeline?status=reported&q=MSL";
        var cut = RenderAt(link);
        var facets = (await Service<TimelineService>().QueryAsync(FilterOf(link))).Facets.Themes;

        foreach (var facet in facets)
        {
            var chip = cut.Find($"[data-testid=theme-facets] button[data-theme={facet.Key}] .facet-count");
            Assert.Equal(facet.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), chip.TextContent.Trim());
        }
    }

    [Fact]
    public async Task An_empty_result_offers_only_loosenings_that_bring_events_back()
    {
        // No data-quality event is confirmed (one is denied, two reported); dropping either filter brings events back.
        var cut = RenderAt("/timeline?themes=data-quality&status=confirmed");

        Assert.Equal("0", cut.Find("[data-testid=result-count] strong").TextContent.Trim());
        var links = cut.WaitForElements("[data-testid=empty-state] li a", TimeSpan.FromSeconds(10));
        Assert.NotEmpty(links);
        foreach (var link in links)
        {
            var href = link.GetAttribute("href")!;
            var result = await Service<TimelineService>().QueryAsync(FilterOf(href));
            Assert.True(result.Total > 0, $"'{link.TextContent}' ({href}) still finds nothing");
            Assert.Contains($"({result.Total} ", link.ParentElement!.TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void When_no_single_loosening_helps_the_empty_state_says_to_clear_all()
    {
        // Each filter alone still finds nothing together with the others: Behemoth is neither a data-quality event nor confirmed.
        var cut = RenderAt("/timeline?themes=data-quality&status=confirmed&q=Behemoth");

        var empty = cut.WaitForElement("[data-testid=empty-state]", TimeSpan.FromSeconds(10));
        Assert.Empty(empty.QuerySelectorAll("li a"));
        Assert.Contains("clear all filters", empty.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_link_parameters_are_reported_not_silently_dropped()
    {
        var cut = RenderAt("/timeline?from=2025-13&themes=no-such-theme&sort=sideways");

        var alert = cut.Find("[data-testid=filter-errors]").TextContent;
        Assert.Contains("from", alert, StringComparison.Ordinal);
        Assert.Contains("unknown theme 'no-such-theme'", alert, StringComparison.Ordinal);
        Assert.Contains("sort", alert, StringComparison.Ordinal);
        // What could be read still applies: nothing here, so every event is shown.
        Assert.Matches(@"^(\d+) of \1 events$", cut.Find("[data-testid=result-count]").TextContent.Trim());
    }
}
