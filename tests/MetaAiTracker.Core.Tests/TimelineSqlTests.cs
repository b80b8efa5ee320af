using MetaAiTracker.Core.Abstractions;
using MetaAiTracker.Core.Domain;
using MetaAiTracker.Core.Services;
using MetaAiTracker.Data;
using MetaAiTracker.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Core.Tests;

/// <summary>
/// Proof that the timeline filter runs in the database: the composed query translates to SQL with every predicate
/// in its WHERE clause, and the commands EF actually executes read no more event rows than a page holds.
/// </summary>
public sealed class TimelineSqlTests(FixtureDatabase fixture) : IClassFixture<FixtureDatabase>
{
    /// <summary>Every filter set; on the fixture only E2 (hiring-push) passes them all.</summary>
    private static readonly TimelineFilter Everything = new()
    {
        Themes = ["talent", "data"], Match = ThemeMatch.All, People = ["ann-lee"], Organizations = ["lab"],
        Statuses = [ClaimStatus.Reported], From = PartialDate.Parse("2025-06"), To = PartialDate.Parse("2025-09"), Text = "engineers",
    };

    private static void AssertHasEveryPredicate(string sql)
    {
        AssertHasFacetPredicates(sql);
        AssertHasTextAndRangePredicates(sql);
    }

    /// <summary>The filters the facets leave out one at a time: themes and statuses.</summary>
    private static void AssertHasFacetPredicates(string sql)
    {
        Assert.Contains("\"EventThemes\"", sql, StringComparison.Ordinal);          // themes (all: counted per event)
        Assert.Contains("\"Status\"", sql, StringComparison.Ordinal);               // statuses
    }

    /// <summary>The filters every facet keeps, text included.</summary>
    private static void AssertHasTextAndRangePredicates(string sql)
    {
        Assert.Contains("\"EventPeople\"", sql, StringComparison.Ordinal);          // people
        Assert.Contains("\"EventOrganizations\"", sql, StringComparison.Ordinal);   // organisations
        Assert.Contains("\"DateStart\" >=", sql, StringComparison.Ordinal);         // from
        Assert.Contains("\"DateEnd\" <=", sql, StringComparison.Ordinal);           // to
        Assert.Contains(" LIKE ", sql, StringComparison.Ordinal);                    // text
        Assert.Contains("ESCAPE '\\'", sql, StringComparison.Ordinal);              // …with wildcards escaped
        Assert.Contains("\"Citations\"", sql, StringComparison.Ordinal);            // …in quotes too
    }

    [SqliteFact]
    public async Task The_composed_filter_translates_to_one_sql_where_clause()
    {
        await using var db = fixture.Database.CreateContext();

        var sql = TimelineService.Filter(db, Everything).ToQueryString();

        AssertHasEveryPredicate(sql);
        var where = sql[sql.IndexOf("WHERE", StringComparison.Ordinal)..];
        AssertHasEveryPredicate(where);
        Assert.Equal(["hiring-push"], await TimelineService.Filter(db, Everything).Select(e => e.Slug).ToListAsync());
    }

    [SqliteFact]
    public async Task The_executed_sql_carries_every_predicate()
    {
        var recorder = new CommandRecorder();
        var service = new TimelineService(new RecordingFactory(fixture.Database, recorder));

        var result = await service.QueryAsync(Everything);

        Assert.Equal(["hiring-push"], result.Items.Select(i => i.Slug));
        Assert.Equal(1, result.Total);

        // The LogTo stream saw the same commands the interceptor did.
        Assert.Equal(recorder.Commands.Count, recorder.Logged.Count);
        // Total: one COUNT over the filtered events (the other COUNT is the store's total, with no WHERE).
        // The text is searched once (index candidates checked with LIKE), with the dates, people and organisations, in
        // a command of its own; the count and the page then filter the ids it found (one JSON-array parameter) by theme
        // and status.
        var text = Assert.Single(recorder.Commands, c => c.Sql.Contains(" LIKE ", StringComparison.Ordinal));
        AssertHasTextAndRangePredicates(text.Sql);
        Assert.Contains("\"EventText\" MATCH", text.Sql, StringComparison.Ordinal);
        var count = Assert.Single(recorder.Commands, c => c.Sql.ReplaceLineEndings("\n").StartsWith("SELECT COUNT(*)\nFROM \"Events\" AS \"e\"\nWHERE", StringComparison.Ordinal));
        AssertHasFacetPredicates(count.Sql);
        Assert.Contains("json_each(", count.Sql, StringComparison.Ordinal);
        var items = recorder.ItemsQuery();
        AssertHasFacetPredicates(items.Sql);
        Assert.Contains("json_each(", items.Sql, StringComparison.Ordinal);
        Assert.Contains("LIMIT", items.Sql, StringComparison.Ordinal);
        Assert.Contains("ORDER BY", items.Sql, StringComparison.Ordinal);
    }

    /// <summary>
    /// Seven events carry "talent"; in timeline order E1 E3 | E2 E5 | E7 E8 | E10. With pages of two, the items command
    /// for page 2 must read two rows, and no command that reads event rows may read more than a page.
    /// </summary>
    [SqliteFact]
    public async Task A_page_reads_no_more_event_rows_than_the_page_size()
    {
        var recorder = new CommandRecorder();
        var service = new TimelineService(new RecordingFactory(fixture.Database, recorder));

        var result = await service.QueryAsync(new TimelineFilter { Themes = ["talent"], PageSize = 2, Page = 2 });

        Assert.Equal(["hiring-push", "eve-joins-team"], result.Items.Select(i => i.Slug)); // E2 E5
        Assert.Equal(7, result.Total);

        var items = recorder.ItemsQuery();
        Assert.Contains("\"EventThemes\"", items.Sql, StringComparison.Ordinal);
        Assert.Contains("LIMIT", items.Sql, StringComparison.Ordinal);
        Assert.Equal(2, items.RowsRead);

        // Nothing else reads a row per matching event either: the counts read one row, the split queries read the
        // themes/people/organisations of the two paged events (E2: talent, data; ann-lee, bo-chen; lab — E5: talent;
        // eve-sun; lab-team), the facets one row per theme or status.
        Assert.All(recorder.Commands, c => Assert.True(c.RowsRead < result.Total, $"read {c.RowsRead} rows:\n{c.Sql}"));
    }
}
