using MetaAiTracker.Core.Domain;
using MetaAiTracker.Core.Services;

namespace MetaAiTracker.Core.Tests;

public sealed class TimelineFilterParserTests
{
    /// <summary>Reads a query string the way a browser would send it back (percent-decoding keys and values).</summary>
    private static Func<string, string?> Query(string queryString)
    {
        var values = queryString.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "", StringComparer.Ordinal);
        return name => values.GetValueOrDefault(name);
    }

    private static (TimelineFilter Filter, IReadOnlyDictionary<string, string[]> Errors) Parse(string queryString) =>
        TimelineFilterParser.Parse(Query(queryString));

    [Fact]
    public void Writes_every_parameter_in_a_stable_order_and_escapes_values()
    {
        var filter = new TimelineFilter
        {
            Themes = ["talent", "data"], Match = ThemeMatch.All, People = ["ann-lee"], Organizations = ["lab", "lab-team"],
            Statuses = [ClaimStatus.Disputed, ClaimStatus.Denied], From = PartialDate.Parse("2025-Q3"), To = PartialDate.Parse("2025-08-29"),
            Text = "50% & a_b", Sort = SortOrder.Descending, Group = TimelineGrouping.Quarter, Page = 3, PageSize = 25,
        };

        // ',' → %2C, ' ' → %20, '%' → %25, '&' → %26; '_' and '-' stay.
        Assert.Equal(
            "themes=talent%2Cdata&match=all&people=ann-lee&orgs=lab%2Clab-team&status=disputed%2Cdenied&from=2025-Q3&to=2025-08-29" +
            "&q=50%25%20%26%20a_b&sort=desc&group=quarter&page=3&pageSize=25",
            TimelineFilterParser.ToQueryString(filter));
    }

    [Fact]
    public void The_default_filter_is_the_empty_query_string()
    {
        Assert.Equal("", TimelineFilterParser.ToQueryString(new TimelineFilter()));
        var (parsed, errors) = Parse("");
        Assert.Empty(errors);
        Assert.Equal(new TimelineFilter(), parsed);
        Assert.True(parsed.IsEmpty);
    }

    public static TheoryData<TimelineFilter> Filters() => new()
    {
        new TimelineFilter { Themes = ["talent"] },
        new TimelineFilter { Themes = ["talent", "data"], Match = ThemeMatch.All, Group = TimelineGrouping.Month },
        new TimelineFilter
        {
            Themes = ["talent", "data", "safety"], Match = ThemeMatch.All, People = ["ann-lee", "bo-chen"], Organizations = ["lab-team"],
            Statuses = [ClaimStatus.Reported, ClaimStatus.Disputed, ClaimStatus.Denied],
            From = PartialDate.Parse("2025"), To = PartialDate.Parse("2025-Q3"),
            Text = "李安离开 & 50% + a_b=c", Sort = SortOrder.Descending, Group = TimelineGrouping.Year, Page = 7, PageSize = 200,
        },
        new TimelineFilter { From = PartialDate.Parse("2025-08-01"), To = PartialDate.Parse("2025-08"), PageSize = 1 },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public void A_filter_written_to_a_query_string_parses_back_to_an_equal_filter(TimelineFilter filter)
    {
        var (parsed, errors) = Parse(TimelineFilterParser.ToQueryString(filter));

        Assert.Empty(errors);
        Assert.Equal(filter, parsed);
        Assert.Equal(filter.GetHashCode(), parsed.GetHashCode());
    }

    [Fact]
    public void Filters_with_different_lists_are_not_equal()
    {
        Assert.NotEqual(new TimelineFilter { Themes = ["talent", "data"] }, new TimelineFilter { Themes = ["data", "talent"] });
        Assert.NotEqual(new TimelineFilter { Statuses = [ClaimStatus.Reported] }, new TimelineFilter { Statuses = [ClaimStatus.Denied] });
        Assert.NotEqual(new TimelineFilter { People = ["ann-lee"] }, new TimelineFilter { Organizations = ["ann-lee"] });
    }

    [Fact]
    public void Accepts_the_documented_spellings()
    {
        var (filter, errors) = Parse("themes=talent,%20data,talent&match=ALL&status=Reported,disputed,reported&sort=-date&group=Quarter&from=2025-q3&to=2025-09-30");

        Assert.Empty(errors);
        Assert.Equal(["talent", "data"], filter.Themes);
        Assert.Equal(ThemeMatch.All, filter.Match);
        Assert.Equal([ClaimStatus.Reported, ClaimStatus.Disputed], filter.Statuses);
        Assert.Equal(SortOrder.Descending, filter.Sort);
        Assert.Equal(TimelineGrouping.Quarter, filter.Group);
        Assert.Equal(PartialDate.OfQuarter(2025, 3), filter.From);
        Assert.Equal(PartialDate.OfDay(2025, 9, 30), filter.To);
    }

    [Theory]
    [InlineData("match=some", "match")]
    [InlineData("sort=up", "sort")]
    [InlineData("group=week", "group")]
    [InlineData("status=rumoured", "status")]
    [InlineData("status=reported,rumoured", "status")]
    [InlineData("from=2025-8", "from")]
    [InlineData("from=2025-02-30", "from")]
    [InlineData("to=2025-13", "to")]
    [InlineData("to=2025-Q5", "to")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=2025-09&to=2025-06", "from")]
    [InlineData("from=2025-09-02&to=2025-09-01", "from")]
    [InlineData("page=0", "page")]
    [InlineData("page=-1", "page")]
    [InlineData("page=two", "page")]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("themes=Talent", "themes")]
    [InlineData("themes=talent,data%20quality", "themes")]
    [InlineData("people=ann_lee", "people")]
    [InlineData("orgs=lab/team", "orgs")]
    public void Each_bad_parameter_is_reported_under_its_own_name(string queryString, string parameter)
    {
        var (_, errors) = Parse(queryString);

        Assert.Equal([parameter], errors.Keys);
        Assert.NotEmpty(errors[parameter]);
        Assert.All(errors[parameter], message => Assert.False(string.IsNullOrWhiteSpace(message)));
    }

    [Fact]
    public void Search_text_longer_than_200_characters_is_refused()
    {
        var (ok, okErrors) = Parse("q=" + new string('a', 200));
        Assert.Empty(okErrors);
        Assert.Equal(200, ok.Text!.Length);

        var (tooLong, errors) = Parse("q=" + new string('a', 201));
        Assert.Equal(["q"], errors.Keys);
        Assert.Null(tooLong.Text);
    }

    [Fact]
    public void The_largest_page_size_is_accepted()
    {
        var (filter, errors) = Parse("pageSize=200&page=100000");
        Assert.Empty(errors);
        Assert.Equal((200, 100_000), (filter.PageSize, filter.Page));
    }

    [Fact]
    public void Every_bad_parameter_is_reported_at_once()
    {
        var (_, errors) = Parse("themes=BAD&match=x&status=nope&from=2025-13&to=2025-02-30&q=" + new string('x', 201) +
                                "&sort=y&group=z&page=0&pageSize=201");

        Assert.Equal(["from", "group", "match", "page", "pageSize", "q", "sort", "status", "themes", "to"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Error_messages_name_the_bad_value()
    {
        var (_, errors) = Parse("status=rumoured&from=2025-02-30&themes=Talent");

        Assert.Contains("rumoured", errors["status"][0], StringComparison.Ordinal);
        Assert.Contains("2025-02-30", errors["from"][0], StringComparison.Ordinal);
        Assert.Contains("Talent", errors["themes"][0], StringComparison.Ordinal);
    }
}
