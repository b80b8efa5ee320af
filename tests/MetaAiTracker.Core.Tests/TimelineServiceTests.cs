using MetaAiTracker.Core.Domain;
using MetaAiTracker.Core.Services;

namespace MetaAiTracker.Core.Tests;

/// <summary>
/// The timeline filters, search, facets, sort and paging over the <see cref="FixtureDataset"/>. Every expected list
/// is read off the event table in FixtureDataset's comment; it is written in timeline order (ascending: start, then end).
/// </summary>
public sealed class TimelineServiceTests(FixtureDatabase fixture) : IClassFixture<FixtureDatabase>
{
    // E1..E10 of the fixture table, by slug.
    private const string E1 = "lab-founded";
    private const string E2 = "hiring-push";
    private const string E3 = "core-team-formed";
    private const string E4 = "data-deal";
    private const string E5 = "eve-joins-team";
    private const string E6 = "label-complaints";
    private const string E7 = "ann-lee-leaves";
    private const string E8 = "bo-chen-leaves";
    private const string E9 = "safety-review";
    private const string E10 = "policy-update";

    private TimelineService Service => new(fixture.Database.Factory);

    private async Task<string[]> Slugs(TimelineFilter filter) =>
        (await Service.QueryAsync(filter)).Items.Select(i => i.Slug).ToArray();

    [Fact]
    public async Task No_filter_gives_every_event_in_timeline_order()
    {
        var result = await Service.QueryAsync(new TimelineFilter());

        // Starts: E1 Jan 1 · E3 Jun 30 · E4 Jul 1 (ends Jul 1) · E2 Jul 1 (ends Sep 30) · E5 Jul 10 · E7 Aug 1 · E6 Aug 20
        // · E8 Aug 29 · E9 Sep 1 · E10 Oct 1.
        Assert.Equal([E1, E3, E4, E2, E5, E7, E6, E8, E9, E10], result.Items.Select(i => i.Slug));
        Assert.Equal(10, result.Total);
        Assert.Equal(10, result.TotalInStore);
    }

    [Fact]
    public async Task Theme_match_any_gives_events_with_at_least_one_chosen_theme()
    {
        // talent: E1 E2 E3 E5 E7 E8 E10; data: E2 E4 E6. Union: everything but E9 (safety only).
        Assert.Equal([E1, E3, E4, E2, E5, E7, E6, E8, E10], await Slugs(new TimelineFilter { Themes = ["talent", "data"] }));
    }

    [Theory]
    [InlineData("talent", "data", E2)]
    [InlineData("data", "safety", E6)]
    [InlineData("safety", "talent", E10)]
    public async Task Theme_match_all_gives_only_events_carrying_every_chosen_theme(string first, string second, string expected)
    {
        // Each pair of themes meets on exactly one event: talent+data E2, data+safety E6, safety+talent E10.
        Assert.Equal([expected], await Slugs(new TimelineFilter { Themes = [first, second], Match = ThemeMatch.All }));
    }

    [Fact]
    public async Task Theme_match_all_with_three_themes_that_no_event_carries_together_is_empty()
    {
        Assert.Empty(await Slugs(new TimelineFilter { Themes = ["talent", "data", "safety"], Match = ThemeMatch.All }));
    }

    [Fact]
    public async Task Theme_match_all_is_not_fooled_by_a_theme_listed_twice()
    {
        // "All of {talent, talent}" is "all of {talent}": E1 E2 E3 E5 E7 E8 E10.
        Assert.Equal([E1, E3, E2, E5, E7, E8, E10], await Slugs(new TimelineFilter { Themes = ["talent", "talent"], Match = ThemeMatch.All }));
    }

    [Fact]
    public async Task People_filter_matches_any_chosen_person()
    {
        // ann-lee: E2 E7; bo-chen: E2 E8; gus-ma: E1 E10.
        Assert.Equal([E2, E7], await Slugs(new TimelineFilter { People = ["ann-lee"] }));
        Assert.Equal([E2, E7, E8], await Slugs(new TimelineFilter { People = ["ann-lee", "bo-chen"] }));
        Assert.Equal([E1, E10], await Slugs(new TimelineFilter { People = ["gus-ma"] }));
    }

    [Fact]
    public async Task Organization_filter_matches_the_named_organisation_only()
    {
        // lab-team: E3 E5 E10; startup: E4 E6 E8; lab: E1 E2 E3 E4 E7 E8 E9 — E5 and E10 name only lab-team, and the
        // timeline's org filter matches the organisation named on the event, not its parent.
        Assert.Equal([E3, E5, E10], await Slugs(new TimelineFilter { Organizations = ["lab-team"] }));
        Assert.Equal([E4, E6, E8], await Slugs(new TimelineFilter { Organizations = ["startup"] }));
        Assert.Equal([E1, E3, E4, E2, E7, E8, E9], await Slugs(new TimelineFilter { Organizations = ["lab"] }));
    }

    [Fact]
    public async Task Status_filter_matches_any_chosen_status()
    {
        // disputed: E7; denied: E6; confirmed: E3 E4.
        Assert.Equal([E7, E6], await Slugs(new TimelineFilter { Statuses = [ClaimStatus.Disputed, ClaimStatus.Denied] }));
        Assert.Equal([E3, E4], await Slugs(new TimelineFilter { Statuses = [ClaimStatus.Confirmed] }));
    }

    [Fact]
    public async Task Filters_combine_with_and()
    {
        // talent {E1 E2 E3 E5 E7 E8 E10} ∩ reported {E1 E2 E5 E8 E9 E10} ∩ org lab {E1 E2 E3 E4 E7 E8 E9} = E1 E2 E8.
        Assert.Equal([E1, E2, E8], await Slugs(new TimelineFilter
        {
            Themes = ["talent"], Statuses = [ClaimStatus.Reported], Organizations = ["lab"],
        }));
    }

    /// <summary>
    /// An event is in [from, to] when its whole span lies within from.Start..to.End. Spans: E1 2025 = Jan 1–Dec 31;
    /// E2 2025-Q3 = Jul 1–Sep 30; E7 2025-08 = Aug 1–31; E10 2025-10 = Oct 1–31; the rest are single days.
    /// </summary>
    [Theory]
    // Jun 1–Sep 30: E1 (the whole year) and E10 (October) stick out; E2 (Q3) lies inside.
    [InlineData("2025-06", "2025-09", new[] { E3, E4, E2, E5, E7, E6, E8, E9 })]
    // Jul 1–Sep 30: E3 (Jun 30) is now out; E4 (Jul 1) is in — the first day counts.
    [InlineData("2025-07", "2025-09", new[] { E4, E2, E5, E7, E6, E8, E9 })]
    // A quarter as the range means the same days as its three months.
    [InlineData("2025-Q3", "2025-Q3", new[] { E4, E2, E5, E7, E6, E8, E9 })]
    // From Aug 1: E2 (2025-Q3) may have been in July, so it is not inside; E10 (October) is.
    [InlineData("2025-08", null, new[] { E7, E6, E8, E9, E10 })]
    // Day edges are inclusive on both sides.
    [InlineData("2025-06-30", "2025-07-01", new[] { E3, E4 })]
    [InlineData("2025-07-01", "2025-07-01", new[] { E4 })]
    // To Aug 29: E7 ("2025-08") may have been on Aug 30 or 31, so it is out; E8 on Aug 29 is in.
    [InlineData("2025-07-02", "2025-08-29", new[] { E5, E6, E8 })]
    [InlineData(null, "2025-06-30", new[] { E3 })]
    [InlineData("2025-10-01", null, new[] { E10 })]
    [InlineData(null, "2025-10-30", new[] { E3, E4, E2, E5, E7, E6, E8, E9 })]
    // The year itself holds every event, "2025" included.
    [InlineData("2025", "2025", new[] { E1, E3, E4, E2, E5, E7, E6, E8, E9, E10 })]
    public async Task Date_range_keeps_events_whose_whole_span_lies_inside(string? from, string? to, string[] expected)
    {
        var filter = new TimelineFilter
        {
            From = from is null ? null : PartialDate.Parse(from),
            To = to is null ? null : PartialDate.Parse(to),
        };

        Assert.Equal(expected, await Slugs(filter));
    }

    [Theory]
    // Chinese substrings: of two titles (and E7's quote), of a quote only, of titles and summaries.
    [InlineData("离开", new[] { E7, E8 })]
    [InlineData("辞呈", new[] { E8 })]
    [InlineData("核心团队", new[] { E3, E5 })]
    // Surrounding blanks are not part of the search.
    [InlineData("  离开 ", new[] { E7, E8 })]
    // English, any case: "leaves" is in E7's and E8's titles; "Label Startup" in E4's and E8's title and summary;
    // "resignation" only in E8's English rendering of its quote.
    [InlineData("LEAVES", new[] { E7, E8 })]
    [InlineData("lAbEl sTaRtUp", new[] { E4, E8 })]
    [InlineData("resignation", new[] { E8 })]
    // LIKE wildcards are literal: "%" is only in E6 ("50%"); as a wildcard "50%" would also match E2's "500".
    [InlineData("%", new[] { E6 })]
    [InlineData("50%", new[] { E6 })]
    // "_" is only in E4 ("data_set"); as a wildcard "data_set" would also match E6's "data set".
    [InlineData("_", new[] { E4 })]
    [InlineData("data_set", new[] { E4 })]
    // The escape character itself is literal too, and occurs nowhere.
    [InlineData("\\", new string[0])]
    [InlineData("no such words", new string[0])]
    public async Task Text_search_matches_titles_summaries_and_quotes_in_both_languages(string q, string[] expected)
    {
        Assert.Equal(expected, await Slugs(new TimelineFilter { Text = q }));
    }

    [Fact]
    public async Task Facets_without_a_filter_count_every_event()
    {
        var facets = (await Service.QueryAsync(new TimelineFilter())).Facets;

        // talent: E1 E2 E3 E5 E7 E8 E10 = 7; data: E2 E4 E6 = 3; safety: E6 E9 E10 = 3.
        Assert.Equal(new Dictionary<string, int> { ["talent"] = 7, ["data"] = 3, ["safety"] = 3 }, facets.Themes.ToDictionary(f => f.Key, f => f.Count));
        // reported: E1 E2 E5 E8 E9 E10 = 6; confirmed: E3 E4 = 2; disputed: E7; denied: E6. In the enum's order.
        Assert.Equal(["reported:6", "confirmed:2", "disputed:1", "denied:1"], facets.Statuses.Select(f => $"{f.Key}:{f.Count}"));
        Assert.Equal("Talent", facets.Themes.Single(f => f.Key == "talent").Label);
    }

    [Fact]
    public async Task Each_facet_is_counted_as_if_its_own_filter_were_off()
    {
        var result = await Service.QueryAsync(new TimelineFilter
        {
            Themes = ["safety"], Statuses = [ClaimStatus.Reported], From = PartialDate.Parse("2025-08"),
        });

        // From Aug 1 the events are E7 E6 E8 E9 E10.
        // Items: safety {E6 E9 E10} ∩ reported {E8 E9 E10} = E9 E10.
        Assert.Equal([E9, E10], result.Items.Select(i => i.Slug));

        // Theme facet: drop the theme filter, keep status + date → reported from Aug: E8 E9 E10.
        //   talent: E8 E10 = 2; data: none = 0; safety: E9 E10 = 2.
        Assert.Equal(new Dictionary<string, int> { ["talent"] = 2, ["data"] = 0, ["safety"] = 2 },
            result.Facets.Themes.ToDictionary(f => f.Key, f => f.Count));

        // Status facet: drop the status filter, keep theme + date → safety from Aug: E6 (denied) E9 E10 (reported).
        Assert.Equal(["reported:2", "confirmed:0", "disputed:0", "denied:1"], result.Facets.Statuses.Select(f => $"{f.Key}:{f.Count}"));
    }

    [Fact]
    public async Task Theme_facets_ignore_the_theme_filter_but_respect_the_others()
    {
        var result = await Service.QueryAsync(new TimelineFilter { Themes = ["data"], Statuses = [ClaimStatus.Reported] });

        // Items: data {E2 E4 E6} ∩ reported = E2.
        Assert.Equal([E2], result.Items.Select(i => i.Slug));
        // Theme facet over reported events E1 E2 E5 E8 E9 E10: talent E1 E2 E5 E8 E10 = 5, data E2 = 1, safety E9 E10 = 2.
        Assert.Equal(new Dictionary<string, int> { ["talent"] = 5, ["data"] = 1, ["safety"] = 2 },
            result.Facets.Themes.ToDictionary(f => f.Key, f => f.Count));
        // Status facet over data events: E2 reported, E4 confirmed, E6 denied.
        Assert.Equal(["reported:1", "confirmed:1", "disputed:0", "denied:1"], result.Facets.Statuses.Select(f => $"{f.Key}:{f.Count}"));
    }

    [Fact]
    public async Task Descending_sort_reverses_the_timeline()
    {
        Assert.Equal([E10, E9, E8, E6, E7, E5, E2, E4, E3, E1], await Slugs(new TimelineFilter { Sort = SortOrder.Descending }));
    }

    [Fact]
    public async Task Paging_reports_total_and_page_count_and_returns_the_requested_page()
    {
        // 10 events, 3 a page → pages [E1 E3 E4] [E2 E5 E7] [E6 E8 E9] [E10]: 4 pages.
        var second = await Service.QueryAsync(new TimelineFilter { PageSize = 3, Page = 2 });
        Assert.Equal([E2, E5, E7], second.Items.Select(i => i.Slug));
        Assert.Equal(10, second.Total);
        Assert.Equal(4, second.PageCount);
        Assert.Equal(2, second.Page);
        Assert.Equal(3, second.PageSize);

        var last = await Service.QueryAsync(new TimelineFilter { PageSize = 3, Page = 4 });
        Assert.Equal([E10], last.Items.Select(i => i.Slug));

        var beyond = await Service.QueryAsync(new TimelineFilter { PageSize = 3, Page = 5 });
        Assert.Empty(beyond.Items);
        Assert.Equal(10, beyond.Total);

        // Descending, the second page of three is E6 E7 E5 (after E10 E9 E8).
        var descending = await Service.QueryAsync(new TimelineFilter { PageSize = 3, Page = 2, Sort = SortOrder.Descending });
        Assert.Equal([E6, E7, E5], descending.Items.Select(i => i.Slug));
    }

    [Fact]
    public async Task Paging_counts_only_what_the_filter_kept()
    {
        // reported: E1 E2 E5 E8 E9 E10 → pages of 4: [E1 E2 E5 E8] [E9 E10].
        var result = await Service.QueryAsync(new TimelineFilter { Statuses = [ClaimStatus.Reported], PageSize = 4, Page = 2 });

        Assert.Equal([E9, E10], result.Items.Select(i => i.Slug));
        Assert.Equal(6, result.Total);
        Assert.Equal(10, result.TotalInStore);
        Assert.Equal(2, result.PageCount);
    }

    [Fact]
    public async Task An_empty_result_has_one_page()
    {
        var result = await Service.QueryAsync(new TimelineFilter { Text = "no such words" });

        Assert.Equal(0, result.Total);
        Assert.Equal(1, result.PageCount);
    }

    [Fact]
    public async Task Items_carry_themes_people_and_organisations()
    {
        var result = await Service.QueryAsync(new TimelineFilter { People = ["ann-lee"] });

        var hiring = result.Items[0];
        Assert.Equal(E2, hiring.Slug);
        Assert.Equal(PartialDate.OfQuarter(2025, 3), hiring.Date);
        Assert.Equal("招募数据工程师", hiring.TitleZh);
        Assert.Equal(["talent", "data"], hiring.Themes.Select(t => t.Slug));
        Assert.Equal(["Ann Lee", "Bo Chen"], hiring.People.Select(p => p.Name));

        // Organisations by name (Frontier Lab, Rival AI), shown by their short name when they have one.
        var leaves = result.Items[1];
        Assert.Equal(E7, leaves.Slug);
        Assert.Equal(ClaimStatus.Disputed, leaves.Status);
        Assert.Equal("Ann Lee says she has not left.", leaves.StatusNote);
        Assert.Equal(["FL", "Rival AI"], leaves.Organizations.Select(o => o.Name));
    }

    [Fact]
    public async Task Unknown_slugs_in_a_filter_are_reported_under_their_parameter()
    {
        var errors = await Service.FindUnknownReferencesAsync(new TimelineFilter
        {
            Themes = ["talent", "talnet"], People = ["ann-lee"], Organizations = ["nowhere"],
        });

        Assert.Equal(["orgs", "themes"], errors.Keys.Order());
        Assert.Equal(["unknown theme 'talnet'"], errors["themes"]);
        Assert.Equal(["unknown organization 'nowhere'"], errors["orgs"]);
    }
}
