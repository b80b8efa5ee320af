using System.Text.Json;
using MetaAiTracker.Core.Abstractions;
using MetaAiTracker.Core.Domain;
using MetaAiTracker.Core.Services;
using MetaAiTracker.Data;
using MetaAiTracker.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MetaAiTracker.Core.Tests;

/// <summary>
/// A text search's facets, total and page taken from the projection of the events in memory equal those SQL gives:
/// on the generated 1,000-event dataset for many filters, sort orders and pages, and on the fixture after each kind of
/// write. The projection exists only for a store with a data version, so these run on SQLite (a file) only.
/// </summary>
public sealed class TimelineProjectionTests(SyntheticDatabase fixture) : IClassFixture<SyntheticDatabase>
{
    private static string Json(TimelineResult result) => JsonSerializer.Serialize(result);

    public static IEnumerable<TimelineFilter> Filters()
    {
        string[] texts = ["超级智能", "leaves", "MSL", "数据质量", "离开", "Maverick 5", "2025", "no such words", "不存在的词语"];
        foreach (var text in texts)
        {
            yield return new TimelineFilter { Text = text };
            yield return new TimelineFilter { Text = text, Sort = SortOrder.Descending, Page = 2, PageSize = 7 };
            yield return new TimelineFilter { Text = text, Themes = ["talent"] };
            yield return new TimelineFilter { Text = text, Themes = ["talent", "partnerships"], Match = ThemeMatch.All };
            yield return new TimelineFilter { Text = text, Themes = ["talent", "talent"], Match = ThemeMatch.All }; // a repeat asks for one theme
            yield return new TimelineFilter { Text = text, Themes = ["talent", "no-such-theme"] };
            yield return new TimelineFilter { Text = text, Themes = ["talent", "no-such-theme"], Match = ThemeMatch.All }; // matches nothing
            yield return new TimelineFilter { Text = text, Statuses = [ClaimStatus.Reported, ClaimStatus.Disputed] };
            yield return new TimelineFilter { Text = text, Themes = ["data-quality", "capital-markets"], Statuses = [ClaimStatus.Confirmed], Sort = SortOrder.Descending };
            yield return new TimelineFilter { Text = text, From = PartialDate.Parse("2024"), To = PartialDate.Parse("2025-06"), PageSize = 200 };
        }

        // Pages around the 64-event words of the bit walk, both ways, and past the end.
        foreach (var page in new[] { 63, 64, 65, 128, 129, 400 })
        {
            yield return new TimelineFilter { Text = "超级智能", PageSize = 1, Page = page };
            yield return new TimelineFilter { Text = "超级智能", PageSize = 1, Page = page, Sort = SortOrder.Descending };
        }

        yield return new TimelineFilter { Text = "超级智能", PageSize = 200, Page = 2 };
        yield return new TimelineFilter { Text = "超级智能", PageSize = 3, Page = 100, Sort = SortOrder.Descending, Statuses = [ClaimStatus.Reported] };
    }

    [SqliteFact]
    public async Task Every_filter_answers_as_SQL_does_and_one_projection_serves_them_all()
    {
        var projection = new TimelineProjection();
        var projected = new TimelineService(fixture.Database.Factory, projection: projection);
        var sqlOnly = new TimelineService(fixture.Database.Factory);
        var found = 0;
        foreach (var filter in Filters())
        {
            var expected = await sqlOnly.QueryAsync(filter);
            Assert.Equal(Json(expected), Json(await projected.QueryAsync(filter)));
            found += expected.Items.Count;
        }

        Assert.True(found > 1000, $"the filters found too little to compare ({found} rows)");
        Assert.Equal(1, projection.Builds); // nothing was written: one snapshot for every question
    }

    [SqliteFact]
    public async Task A_people_filter_with_text_answers_as_SQL_does()
    {
        await using var db = fixture.Database.CreateContext();
        var person = await db.EventPeople.GroupBy(p => p.Person.Slug).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
        var title = await db.EventPeople.Where(p => p.Person.Slug == person).Select(p => p.Event.TitleZh).FirstAsync();
        var projected = new TimelineService(fixture.Database.Factory, projection: new TimelineProjection());
        var sqlOnly = new TimelineService(fixture.Database.Factory);
        foreach (var filter in new[]
                 {
                     new TimelineFilter { Text = "Meta", People = [person] },
                     new TimelineFilter { Text = title[..4], People = [person], Sort = SortOrder.Descending },
                 })
        {
            var expected = await sqlOnly.QueryAsync(filter);
            Assert.True(expected.Total > 0, $"nothing found for {person}");
            Assert.Equal(Json(expected), Json(await projected.QueryAsync(filter)));
        }
    }

    [SqliteFact]
    public async Task With_a_projection_a_text_search_runs_no_facet_or_count_statement()
    {
        var recorder = new CommandRecorder();
        var service = new TimelineService(new RecordingFactory(fixture.Database, recorder), projection: new TimelineProjection());
        await service.QueryAsync(new TimelineFilter { Text = "leaves" }); // builds the projection
        recorder.Clear();

        var result = await service.QueryAsync(new TimelineFilter { Text = "超级智能", Themes = ["talent"], Page = 2 });
        Assert.True(result.Total > 50);
        Assert.Contains(recorder.Commands, c => c.Sql.Contains("MATCH", StringComparison.Ordinal));
        Assert.DoesNotContain(recorder.Commands, c => c.Sql.Contains("GROUP BY", StringComparison.Ordinal) || c.Sql.Contains("COUNT(", StringComparison.Ordinal));
        Assert.DoesNotContain(recorder.Commands, c => c.Sql.Contains("json_each", StringComparison.Ordinal)); // the id list stays here
    }

    [SqliteFact] // elsewhere the store's own read is the LINQ one
    public async Task The_stores_own_read_of_the_columns_equals_the_LINQ_read()
    {
        await using var db = fixture.Database.CreateContext();
        var own = await db.ReadTimelineColumnsAsync();
        var linq = await TimelineColumns.ReadByLinqAsync(db);

        Assert.Equal(1000, own.IdsInTimelineOrder.Length);
        Assert.Equal(linq.ThemesById, own.ThemesById);
        Assert.Equal(linq.IdsInTimelineOrder, own.IdsInTimelineOrder); // the same order, ties by id included
        Assert.Equal(
            linq.IdsByStatus.OrderBy(g => g.Status).Select(g => $"{g.Status}: {string.Join(',', g.Ids.Order())}"),
            own.IdsByStatus.OrderBy(g => g.Status).Select(g => $"{g.Status}: {string.Join(',', g.Ids.Order())}"));
        Assert.Equal(
            linq.EventIdsByTheme.OrderBy(g => g.ThemeId).Select(g => $"{g.ThemeId}: {string.Join(',', g.EventIds.Order())}"),
            own.EventIdsByTheme.OrderBy(g => g.ThemeId).Select(g => $"{g.ThemeId}: {string.Join(',', g.EventIds.Order())}"));
        Assert.True(own.EventIdsByTheme.Count >= 7 && own.IdsByStatus.Count >= 3);
    }

    [SqliteFact]
    public async Task An_id_the_snapshot_does_not_know_sends_the_question_back_to_SQL()
    {
        await using var db = fixture.Database.CreateContext();
        var version = await db.DataVersionAsync();
        var snapshot = await new TimelineProjection().GetAsync(db, version!);
        Assert.NotNull(snapshot);
        var first = await db.Events.OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
        Assert.NotNull(snapshot.Evaluate([first], new TimelineFilter { Text = "x" }));
        Assert.Null(snapshot.Evaluate([first, int.MaxValue], new TimelineFilter { Text = "x" }));
        Assert.Null(snapshot.Evaluate([-1], new TimelineFilter { Text = "x" }));
    }
}

/// <summary>The projection after writes, on its own copy of the fixture per test: rebuilt for the new version, same answers as SQL.</summary>
public sealed class TimelineProjectionWriteTests : FixtureCopyTests
{

    private static readonly TimelineFilter[] Filters =
    [
        new() { Text = "离开" },
        new() { Text = "leaves", Themes = ["talent"] },
        new() { Text = "leaves", Themes = ["talent", "data"], Match = ThemeMatch.All, Sort = SortOrder.Descending },
        new() { Text = "Lab", Statuses = [ClaimStatus.Reported, ClaimStatus.Denied] },
        new() { Text = "核心团队", From = PartialDate.Parse("2025-07"), To = PartialDate.Parse("2025-08") },
        new() { Text = "the", PageSize = 2, Page = 2 },
    ];

    private async Task AssertSameAnswersAsync(TimelineService projected)
    {
        var sqlOnly = new TimelineService(Database.Factory);
        foreach (var filter in Filters)
        {
            Assert.Equal(JsonSerializer.Serialize(await sqlOnly.QueryAsync(filter)), JsonSerializer.Serialize(await projected.QueryAsync(filter)));
        }
    }

    [SqliteFact]
    public async Task After_each_kind_of_write_a_new_snapshot_answers_as_SQL_does()
    {
        var projection = new TimelineProjection();
        var service = new TimelineService(Database.Factory, new TimelineCache(), projection);
        await AssertSameAnswersAsync(service);
        Assert.Equal(1, projection.Builds);

        string[] writes =
        [
            """UPDATE "Events" SET "Status" = 'Denied' WHERE "Slug" IN ('bo-chen-leaves', 'lab-founded')""",
            """DELETE FROM "EventThemes" WHERE "EventId" = (SELECT "Id" FROM "Events" WHERE "Slug" = 'bo-chen-leaves') AND "ThemeId" = (SELECT "Id" FROM "Themes" WHERE "Slug" = 'talent')""",
            """INSERT INTO "EventThemes" ("EventId", "ThemeId") SELECT "e"."Id", "t"."Id" FROM "Events" AS "e", "Themes" AS "t" WHERE "e"."Slug" = 'lab-founded' AND "t"."Slug" = 'data'""",
            """UPDATE "Events" SET "DateStart" = '2025-07-02', "DateEnd" = '2025-07-02', "Date" = '2025-07-02' WHERE "Slug" = 'core-team-formed'""",
            """UPDATE "Themes" SET "Slug" = 'people' WHERE "Slug" = 'talent'""",
            """DELETE FROM "Events" WHERE "Slug" = 'ann-lee-leaves'""",
        ];
        foreach (var sql in writes)
        {
            var builds = projection.Builds;
            await ExecuteAsync(sql);
            await AssertSameAnswersAsync(service);
            Assert.Equal(builds + 1, projection.Builds);
        }
    }

    [SqliteFact]
    public async Task Far_apart_ids_and_more_themes_than_a_mask_holds_still_answer_as_SQL_does()
    {
        var projection = new TimelineProjection();
        var service = new TimelineService(Database.Factory, projection: projection);

        // Events with an id far beyond the others and with a negative id (both possible in a hand-written row; the
        // snapshot then finds slots by dictionary, not by array, and the one-value id read takes the sign).
        foreach (var (id, slug) in new[] { (5000000, "far-away"), (-7, "below-zero") })
        {
            await ExecuteAsync($"""
                INSERT INTO "Events" ("Id", "Slug", "Date", "DateStart", "DateEnd", "TitleEn", "TitleZh", "SummaryEn", "SummaryZh", "Importance", "Status", "StatusNote")
                VALUES ({id}, '{slug}', '2025-08', '2025-08-01', '2025-08-31', 'Someone leaves the Lab', '有人离开实验室', 'He leaves.', '他离开了。', 2, 'Reported', NULL)
                """);
            await ExecuteAsync($"""INSERT INTO "EventThemes" ("EventId", "ThemeId") SELECT {id}, "Id" FROM "Themes" WHERE "Slug" = 'talent'""");
            await AssertSameAnswersAsync(service);
            var found = await service.QueryAsync(new TimelineFilter { Text = "离开", Themes = ["talent"] });
            Assert.Contains(found.Items, i => i.Slug == slug);
        }

        // 65 themes: no snapshot can hold them; SQL answers alone.
        await ExecuteAsync(string.Join(';', Enumerable.Range(1, TimelineProjection.MaxThemes + 1 - 3).Select(i =>
            $"""INSERT INTO "Themes" ("Slug", "NameEn", "NameZh", "Color") VALUES ('extra-{i}', 'Extra {i}', '额外{i}', '#123456')""")));
        await using (var db = Database.CreateContext())
        {
            Assert.Equal(TimelineProjection.MaxThemes + 1, await db.Themes.CountAsync());
            Assert.Null(await projection.GetAsync(db, (await db.DataVersionAsync())!));
        }

        await AssertSameAnswersAsync(service);
    }
}

/// <summary>
/// The projection's own rules: a failed build, an older version than the kept one, and a search that returns an event
/// the snapshot does not know (written after it was built) — each still answered as SQL answers it.
/// </summary>
public sealed class TimelineProjectionRulesTests : FixtureCopyTests
{
    [SqliteFact]
    public async Task An_event_the_snapshot_does_not_know_is_answered_by_SQL()
    {
        // The version stays "frozen" while an event is added: the snapshot built before it is used for the next
        // search, which finds the new event; the projection must step aside, not drop it.
        var projection = new TimelineProjection();
        var service = new TimelineService(new FrozenFactory(Database), projection: projection);
        var filter = new TimelineFilter { Text = "离开" };
        var before = await service.QueryAsync(filter);

        await ExecuteAsync("""
            INSERT INTO "Events" ("Slug", "Date", "DateStart", "DateEnd", "TitleEn", "TitleZh", "SummaryEn", "SummaryZh", "Importance", "Status", "StatusNote")
            VALUES ('late-comer', '2025-08', '2025-08-01', '2025-08-31', 'A late departure', '又一人离开', 'Late.', '晚了。', 2, 'Reported', NULL)
            """);
        var after = await service.QueryAsync(filter);

        Assert.Equal(1, projection.Builds); // the same (frozen) version: no new snapshot
        Assert.Equal(before.Total + 1, after.Total);
        Assert.Contains(after.Items, i => i.Slug == "late-comer");
        Assert.Equal(JsonSerializer.Serialize(await new TimelineService(Database.Factory).QueryAsync(filter)), JsonSerializer.Serialize(after));
    }

    [SqliteFact]
    public async Task A_failed_build_is_logged_once_and_SQL_answers_until_the_data_changes()
    {
        var logger = new ListLogger();
        var projection = new TimelineProjection(logger);
        var service = new TimelineService(new FrozenFactory(Database, failColumns: true), projection: projection);
        var filter = new TimelineFilter { Text = "leaves", Themes = ["talent"] };
        var expected = JsonSerializer.Serialize(await new TimelineService(Database.Factory).QueryAsync(filter));

        Assert.Equal(expected, JsonSerializer.Serialize(await service.QueryAsync(filter)));
        Assert.Equal(expected, JsonSerializer.Serialize(await service.QueryAsync(filter)));
        Assert.Equal(1, projection.Builds); // not retried on every search
        Assert.Contains("could not be built", Assert.Single(logger.Warnings), StringComparison.Ordinal);
    }

    [SqliteFact]
    public async Task A_slow_request_with_an_older_version_does_not_replace_the_newer_snapshot()
    {
        var projection = new TimelineProjection();
        await using var db = Database.CreateContext();
        Assert.NotNull(await projection.GetAsync(db, "file\nstore\n5"));
        Assert.NotNull(await projection.GetAsync(db, "file\nstore\n3")); // built for its request, not kept
        Assert.NotNull(await projection.GetAsync(db, "file\nstore\n5"));
        Assert.Equal(2, projection.Builds);

        Assert.True(TimelineProjection.IsOlder("a\ns\n9", "a\ns\n10"));
        Assert.False(TimelineProjection.IsOlder("a\ns\n10", "a\ns\n9"));
        Assert.False(TimelineProjection.IsOlder("a\nother\n1", "a\ns\n10")); // another store: not comparable
    }

    /// <summary>The real store, with its data version frozen (and, if asked, its column read failing).</summary>
    private sealed class FrozenFactory(TestDatabase database, bool failColumns = false) : ITrackerDbContextFactory
    {
        public Task<ITrackerDbContext> CreateAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<ITrackerDbContext>(new FrozenContext(database.CreateContext(), failColumns));
    }

    private sealed class FrozenContext(TrackerDbContext inner, bool failColumns) : DelegatingContext(inner), ITrackerDbContext
    {
        public IQueryable<int>? EventIdsMatching(string text) => Inner.EventIdsMatching(text);

        public IQueryable<int>? EventIdsContaining(string text) => Inner.EventIdsContaining(text);

        public Task<List<int>?> EventIdListContainingAsync(string text, CancellationToken cancellationToken = default) =>
            Inner.EventIdListContainingAsync(text, cancellationToken);

        public Task<TimelineColumns> ReadTimelineColumnsAsync(CancellationToken cancellationToken = default) =>
            failColumns ? throw new InvalidOperationException("the store cannot be read") : Inner.ReadTimelineColumnsAsync(cancellationToken);

        public Task<string?> DataVersionAsync(CancellationToken cancellationToken = default) => Task.FromResult<string?>("frozen\nstore\n1");
    }

    private sealed class ListLogger : ILogger<TimelineProjection>
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Warnings.Add(formatter(state, exception));
            }
        }
    }
}
