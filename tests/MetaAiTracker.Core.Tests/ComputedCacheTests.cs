using System.Text.Json;
using MetaAiTracker.Core.Domain;
using MetaAiTracker.Core.Services;
using MetaAiTracker.Data;
using MetaAiTracker.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Core.Tests;

/// <summary>
/// The timeline keeps a filter's search and counts, and attrition its reports, while the store's data version stays put. Each test writes to
/// its own copy of the fixture and compares the cached service with one that keeps nothing, on the real store.
/// </summary>
public sealed class ComputedCacheTests : FixtureCopyTests
{

    private static readonly TimelineFilter[] Filters =
    [
        new(),
        new() { Text = "离开" },
        new() { Text = "leaves", Themes = ["talent"] },
        new() { Themes = ["talent", "data"], Match = ThemeMatch.All },
        new() { People = ["ann-lee"] },
        new() { Organizations = [FixtureDataset.Lab], Statuses = [ClaimStatus.Reported] },
        new() { From = PartialDate.Parse("2025-07"), To = PartialDate.Parse("2025-08"), Text = "核心团队" },
    ];

    private static string Json(TimelineResult result) => JsonSerializer.Serialize(result);

    private async Task<string?> VersionAsync()
    {
        await using var db = Database.CreateContext();
        return await db.DataVersionAsync();
    }

    /// <summary>Every filter, answered by the cached service (twice: computed, then kept) and by one that keeps nothing.</summary>
    private async Task AssertSameAnswersAsync(TimelineService cached)
    {
        var plain = new TimelineService(Database.Factory);
        foreach (var filter in Filters)
        {
            var expected = Json(await plain.QueryAsync(filter));
            Assert.Equal(expected, Json(await cached.QueryAsync(filter)));
            Assert.Equal(expected, Json(await cached.QueryAsync(filter)));
        }
    }

    [Fact]
    public async Task The_version_names_the_store_on_SQLite_and_is_absent_on_PostgreSQL()
    {
        var version = await VersionAsync();
        if (TestProvider.IsPostgres)
        {
            Assert.Null(version); // several instances share a PostgreSQL store: nothing is kept between requests
        }
        else
        {
            Assert.NotNull(version);
            Assert.Contains(Path.GetFileName(Database.ConnectionString.Split('=')[1].Split(';')[0]), version, StringComparison.Ordinal);
        }
    }

    [SqliteFact]
    public async Task Reads_leave_the_version_alone_and_every_watched_write_moves_it()
    {
        var service = new TimelineService(Database.Factory, new TimelineCache());
        var before = await VersionAsync();
        await service.QueryAsync(new TimelineFilter { Text = "离开" });
        Assert.Equal(before, await VersionAsync());

        string[] writes =
        [
            """UPDATE "Events" SET "Importance" = "Importance" WHERE "Slug" = 'lab-founded'""",
            """DELETE FROM "EventThemes" WHERE "EventId" = (SELECT "Id" FROM "Events" WHERE "Slug" = 'hiring-push') AND "ThemeId" = (SELECT "Id" FROM "Themes" WHERE "Slug" = 'data')""",
            """DELETE FROM "EventPeople" WHERE "EventId" = (SELECT "Id" FROM "Events" WHERE "Slug" = 'hiring-push')""",
            """DELETE FROM "EventOrganizations" WHERE "EventId" = (SELECT "Id" FROM "Events" WHERE "Slug" = 'data-deal')""",
            """UPDATE "Citations" SET "Quote" = "Quote" || '.' WHERE "EventId" = (SELECT "Id" FROM "Events" WHERE "Slug" = 'safety-review')""",
            """UPDATE "Themes" SET "Slug" = 'safety-2' WHERE "Slug" = 'safety'""",
            """UPDATE "People" SET "Slug" = 'ann-lee-2' WHERE "Slug" = 'ann-lee'""",
            """UPDATE "Organizations" SET "Slug" = 'startup-2' WHERE "Slug" = 'startup'""",
            """DELETE FROM "Events" WHERE "Slug" = 'policy-update'""",
            """UPDATE "Tenures" SET "End" = '2025-09' WHERE "Slug" = 'fay-wu-lab'""",
            """UPDATE "People" SET "Name" = "Name" || '!' WHERE "Slug" = 'bo-chen'""",
            """UPDATE "Organizations" SET "Name" = "Name" || '!' WHERE "Slug" = 'uni'""",
        ];
        foreach (var sql in writes)
        {
            var version = await VersionAsync();
            await ExecuteAsync(sql);
            Assert.NotEqual(version, await VersionAsync());
        }

        // Writes to what neither reads leave it alone (a source's title, a figure's label).
        var unchanged = await VersionAsync();
        await ExecuteAsync("""UPDATE "Sources" SET "Title" = "Title" || '!' WHERE "Slug" = 'wire'""");
        await ExecuteAsync("""UPDATE "Figures" SET "Label" = "Label" || '!' WHERE "Slug" = 'article-departures-3'""");
        Assert.Equal(unchanged, await VersionAsync());
    }

    [SqliteFact]
    public async Task A_second_identical_question_runs_no_search_and_no_count_only_the_page()
    {
        var recorder = new CommandRecorder();
        var service = new TimelineService(new RecordingFactory(Database, recorder), new TimelineCache());
        var filter = new TimelineFilter { Text = "核心团队" }; // in two events; caseless, so the FTS5 index answers it

        var first = await service.QueryAsync(filter);
        Assert.Contains(recorder.Commands, c => c.Sql.Contains("MATCH", StringComparison.Ordinal));
        Assert.Contains(recorder.Commands, c => c.Sql.Contains("GROUP BY", StringComparison.Ordinal));
        recorder.Clear();

        var second = await service.QueryAsync(filter with { PageSize = 1, Page = 2 });
        Assert.DoesNotContain(recorder.Commands, c => c.Sql.Contains("MATCH", StringComparison.Ordinal));
        Assert.DoesNotContain(recorder.Commands, c => c.Sql.Contains("GROUP BY", StringComparison.Ordinal) || c.Sql.Contains("COUNT(", StringComparison.Ordinal));
        Assert.Contains(recorder.Commands, c => c.Sql.Contains("\"DataVersion\"", StringComparison.Ordinal));

        // The same counts, another page of the same matches.
        Assert.Equal(first.Total, second.Total);
        Assert.Equal(JsonSerializer.Serialize(first.Facets), JsonSerializer.Serialize(second.Facets));
        Assert.Equal(first.Items[1].Slug, Assert.Single(second.Items).Slug);
    }

    [SqliteFact] // PostgreSQL keeps nothing, so there both services would compute everything
    public async Task After_each_kind_of_write_the_cached_answers_equal_fresh_ones()
    {
        var service = new TimelineService(Database.Factory, new TimelineCache());
        await AssertSameAnswersAsync(service);

        // Status, themes, people, organisations, a quote's text, slugs, a new date, a deleted event: after each, every
        // filter answers as a service that keeps nothing does.
        await ExecuteAsync("""UPDATE "Events" SET "Status" = 'Denied' WHERE "Slug" IN ('bo-chen-leaves', 'lab-founded')""");
        await AssertSameAnswersAsync(service);
        await ExecuteAsync("""DELETE FROM "EventThemes" WHERE "EventId" = (SELECT "Id" FROM "Events" WHERE "Slug" = 'hiring-push') AND "ThemeId" = (SELECT "Id" FROM "Themes" WHERE "Slug" = 'data')""");
        await AssertSameAnswersAsync(service);
        await ExecuteAsync("""DELETE FROM "EventPeople" WHERE "EventId" = (SELECT "Id" FROM "Events" WHERE "Slug" = 'ann-lee-leaves')""");
        await AssertSameAnswersAsync(service);
        await ExecuteAsync("""DELETE FROM "EventOrganizations" WHERE "EventId" = (SELECT "Id" FROM "Events" WHERE "Slug" = 'safety-review')""");
        await AssertSameAnswersAsync(service);
        await ExecuteAsync("""UPDATE "Citations" SET "Quote" = '他已离开。' WHERE "EventId" = (SELECT "Id" FROM "Events" WHERE "Slug" = 'safety-review')""");
        await AssertSameAnswersAsync(service);
        await ExecuteAsync("""UPDATE "People" SET "Slug" = 'ann-lee-2' WHERE "Slug" = 'ann-lee'""");
        await AssertSameAnswersAsync(service);
        await ExecuteAsync("""UPDATE "Events" SET "DateStart" = '2025-07-02', "DateEnd" = '2025-07-02', "Date" = '2025-07-02' WHERE "Slug" = 'core-team-formed'""");
        await AssertSameAnswersAsync(service);
        await ExecuteAsync("""DELETE FROM "Events" WHERE "Slug" = 'ann-lee-leaves'""");
        await AssertSameAnswersAsync(service);
    }

    [Fact]
    public void The_cache_keeps_at_most_its_bounds_and_drops_the_least_recently_used()
    {
        var cache = new TimelineCache();
        var facets = new TimelineFacets([], []);
        for (var i = 0; i < cache.MaxEntries + 10; i++)
        {
            if (i == cache.MaxEntries)
            {
                Assert.True(cache.TryGet("k0", out _)); // k0, the oldest, is used again: kept while k1… go
            }

            cache.Set($"k{i}", new TimelineCache.Entry(null, 0, facets, i));
        }

        Assert.Equal(cache.MaxEntries, cache.Count);
        Assert.True(cache.TryGet("k0", out _));
        Assert.False(cache.TryGet("k1", out _));
        Assert.True(cache.TryGet($"k{cache.MaxEntries + 9}", out var last));
        Assert.Equal(cache.MaxEntries + 9, last.Total);

        // Ids count against their own bound: one entry with most of it pushes out the others.
        cache.Set("big", new TimelineCache.Entry(new List<int>(new int[(int)cache.MaxWeight - 10]), 0, facets, 0));
        cache.Set("small", new TimelineCache.Entry([1, 2, 3], 0, facets, 0));
        cache.Set("small2", new TimelineCache.Entry(Enumerable.Range(0, 20).ToList(), 0, facets, 0));
        Assert.False(cache.TryGet("big", out _));
        Assert.True(cache.TryGet("small2", out _));
    }

    [Fact]
    public void The_key_ignores_order_and_repeats_but_not_anything_that_changes_the_counts()
    {
        var a = new TimelineFilter { Themes = ["talent", "data"], People = ["b", "a"], Text = " leaves ", Page = 3, PageSize = 10, Sort = SortOrder.Descending };
        var b = new TimelineFilter { Themes = ["data", "talent", "data"], People = ["a", "b"], Text = "leaves" };
        Assert.Equal(TimelineCache.Key("v1", a), TimelineCache.Key("v1", b));
        Assert.NotEqual(TimelineCache.Key("v1", a), TimelineCache.Key("v2", a));
        Assert.NotEqual(TimelineCache.Key("v1", a), TimelineCache.Key("v1", a with { Match = ThemeMatch.All }));
        Assert.NotEqual(TimelineCache.Key("v1", a), TimelineCache.Key("v1", a with { Statuses = [ClaimStatus.Denied] }));
        Assert.NotEqual(TimelineCache.Key("v1", a), TimelineCache.Key("v1", a with { From = PartialDate.Parse("2025") }));
        Assert.NotEqual(TimelineCache.Key("v1", a), TimelineCache.Key("v1", a with { To = PartialDate.Parse("2025") }));
        Assert.NotEqual(TimelineCache.Key("v1", a), TimelineCache.Key("v1", a with { Organizations = ["lab"] }));
        Assert.NotEqual(TimelineCache.Key("v1", a), TimelineCache.Key("v1", a with { Text = "Leaves" }));
    }

    [SqliteFact]
    public async Task A_repeated_attrition_view_reads_no_tenures_and_a_tenure_write_recomputes_it()
    {
        var recorder = new CommandRecorder();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero));
        var service = new AttritionService(new RecordingFactory(Database, recorder), clock, new AttritionCache());
        var plain = new AttritionService(Database.Factory, clock);
        var request = new AttritionRequest { Organization = FixtureDataset.Lab };
        string Report(AttritionResult? r) => JsonSerializer.Serialize(r);

        var first = await service.ComputeAsync(request);
        Assert.Contains(recorder.Commands, c => c.Sql.Contains("\"Tenures\"", StringComparison.Ordinal));
        recorder.Clear();
        Assert.Same(first, await service.ComputeAsync(request));
        Assert.DoesNotContain(recorder.Commands, c => c.Sql.Contains("\"Tenures\"", StringComparison.Ordinal));

        // Another request, another day: computed anew.
        Assert.NotSame(first, await service.ComputeAsync(request with { IncludeSubOrganizations = false }));
        clock.Advance(TimeSpan.FromDays(1));
        Assert.NotSame(first, await service.ComputeAsync(request));

        // A departure recorded by hand: the next view has it, exactly as a service that keeps nothing computes it.
        var departuresBefore = (await service.ComputeAsync(request))!.Report.Departures.Count;
        await ExecuteAsync("""UPDATE "Tenures" SET "End" = '2025-09-15' WHERE "Slug" = 'fay-wu-lab'""");
        var after = await service.ComputeAsync(request);
        Assert.Equal(departuresBefore + 1, after!.Report.Departures.Count);
        Assert.Equal(Report(await plain.ComputeAsync(request)), Report(after));

        // An organisation that did not exist is found once it does.
        Assert.Null(await service.ComputeAsync(request with { Organization = "new-lab" }));
        await ExecuteAsync("""INSERT INTO "Organizations" ("Slug", "Name", "Kind") VALUES ('new-lab', 'New Lab', 'Lab')""");
        Assert.NotNull(await service.ComputeAsync(request with { Organization = "new-lab" }));
    }
}
