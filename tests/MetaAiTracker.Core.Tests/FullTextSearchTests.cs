using MetaAiTracker.Benchmarks;
using MetaAiTracker.Core.Abstractions;
using MetaAiTracker.Core.Domain;
using MetaAiTracker.Core.Services;
using MetaAiTracker.Data;
using MetaAiTracker.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Core.Tests;

/// <summary>A generated 1,000-event dataset in a real database (SQLite, or PostgreSQL on PostgreSQL runs), shared by one test class (read-only use).</summary>
public sealed class SyntheticDatabase : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    /// <summary>A two-character Chinese name (surname and given name) that some event's Chinese title carries.</summary>
    public string TwoCharacterName { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var document = SyntheticDataset.Generate(1000, seed: 7);
        TwoCharacterName = document.People!.Select(p => p.NativeName).OfType<string>().Where(n => n.Length == 2)
            .First(n => document.Events!.Any(e => e.TitleZh!.Contains(n, StringComparison.Ordinal)));
        Database = new TestDatabase();
        await Database.LoadAsync(document);
    }

    public Task DisposeAsync()
    {
        Database.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// The trigram index (SQLite: the FTS5 EventText table, EventTextSearch migration; PostgreSQL: pg_trgm GIN indexes,
/// TextSearch migration) finds exactly the events the LIKE search finds (on PostgreSQL, the LIKE of SQLite's semantics:
/// ASCII case folded): on generated data in English and Chinese, the timeline with the index, the timeline with LIKE
/// alone, the index's own candidates and — for caseless texts, where the timeline skips the LIKE check — the index's
/// exact answer agree.
/// </summary>
public sealed class FullTextSearchTests(SyntheticDatabase fixture) : IClassFixture<SyntheticDatabase>
{
    public static TheoryData<string> Queries => new()
    {
        // English, any case; words of titles, summaries and quotes; names; digits.
        "leaves", "LABELLED DATA", "Capital Expenditure", "msl", "Maverick 5", "familiar with the matter", "Wang Hao",
        // Chinese: three or more characters (index) …
        "超级智能", "数据质量", "反响平平", "监管机构要求", "Meta超级", "重组人工智能团队",
        // Caseless texts the index answers alone (no LIKE check): Chinese with punctuation and digits, digits alone.
        "超级智能，", "（", "0%的", "2025", "4 年",
        // … and one or two (no trigram: LIKE alone), such as a two-character name.
        "离开", "王", "组",
        // LIKE's wildcards and escape are plain characters.
        "%", "0%", "training_set", "_se", "\\",
        // Nothing.
        "no such words", "不存在的词语",
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task The_index_finds_the_same_events_as_LIKE(string text)
    {
        var indexed = await EventIds(fixture.Database.Factory, text);
        var likeOnly = await EventIds(new LikeOnlyFactory(fixture.Database), text);

        Assert.Equal(likeOnly, indexed);

        await using var db = fixture.Database.CreateContext();
        if (db.EventIdsMatching(text) is { } candidates)
        {
            // On this data the index alone is already exact: no candidate is dropped by the LIKE check.
            Assert.Equal(likeOnly, (await candidates.Distinct().ToListAsync()).Order().ToArray());
            if (db.EventIdsContaining(text) is { } exact)
            {
                Assert.True(TrackerDbContext.IsCaseless(text), $"'{text}' has a case: the LIKE check must stay");
                Assert.Equal(likeOnly, (await exact.ToListAsync()).Order().ToArray());
            }
            else if (fixture.Database.Provider == DatabaseProvider.Sqlite)
            {
                Assert.False(TrackerDbContext.IsCaseless(text), $"'{text}' is caseless: the index should answer it alone");
            }
        }
        else
        {
            Assert.True(text.EnumerateRunes().Count() < TrackerDbContext.MinimumIndexedTextLength, $"'{text}' should use the index");
        }
    }

    [Theory]
    [InlineData("超级智能", true)]
    [InlineData("2025年，Meta", false)]
    [InlineData("2025 — 0%", true)]
    [InlineData("leaves", false)]
    [InlineData("LEAVES", false)]
    [InlineData("straße", false)] // ß: no one-letter upper case in .NET, but FTS5 folds ẞ to it
    [InlineData("ⅻ年", false)] // a Roman numeral has a case
    [InlineData("ⓜ超级", false)]
    [InlineData("超级\n智能", false)] // a line break could span two quotes in the index's Quotes column
    public void Only_texts_without_a_case_are_answered_by_the_index_alone(string text, bool caseless) =>
        Assert.Equal(caseless, TrackerDbContext.IsCaseless(text));

    [Fact]
    public async Task The_timeline_without_LIKE_check_matches_the_timeline_with_it_on_Chinese_text()
    {
        // The service skips the LIKE check for caseless texts: its page, totals and facets equal those of the
        // same store with no index at all (LIKE over every event).
        var service = new TimelineService(fixture.Database.Factory);
        var likeOnly = new TimelineService(new LikeOnlyFactory(fixture.Database));
        foreach (var filter in new[]
                 {
                     new TimelineFilter { Text = "超级智能" },
                     new TimelineFilter { Text = "数据质量", Themes = ["talent"], Statuses = [ClaimStatus.Reported] },
                     new TimelineFilter { Text = "leaves", From = PartialDate.Parse("2024"), To = PartialDate.Parse("2025"), Page = 2, PageSize = 10 },
                 })
        {
            var expected = await likeOnly.QueryAsync(filter);
            var actual = await service.QueryAsync(filter);
            Assert.True(expected.Total > 0, $"nothing found for '{filter.Text}'");
            Assert.Equal(expected.Total, actual.Total);
            Assert.Equal(expected.Items.Select(i => i.Slug), actual.Items.Select(i => i.Slug));
            Assert.Equal(expected.Facets.Themes, actual.Facets.Themes);
            Assert.Equal(expected.Facets.Statuses, actual.Facets.Statuses);
        }
    }

    [Fact]
    public async Task A_two_character_name_is_found_by_LIKE_alone()
    {
        var name = fixture.TwoCharacterName;
        await using var db = fixture.Database.CreateContext();
        Assert.Null(db.EventIdsMatching(name));
        Assert.Equal(await EventIds(new LikeOnlyFactory(fixture.Database), name), await EventIds(fixture.Database.Factory, name));
        Assert.NotEmpty(await EventIds(fixture.Database.Factory, name));
    }

    [Fact]
    public async Task The_queries_find_something_in_both_languages()
    {
        // Guards the theory above against agreeing on empty results.
        foreach (var text in new[] { "leaves", "超级智能", "离开", "training_set", "%" })
        {
            Assert.True((await EventIds(fixture.Database.Factory, text)).Length > 0, $"nothing found for '{text}'");
        }
    }

    [Fact]
    public async Task The_index_follows_inserts_updates_and_deletes()
    {
        using var database = new TestDatabase();
        await database.LoadAsync(SyntheticDataset.Generate(50, seed: 3));
        var factory = database.Factory;
        await using (var db = database.CreateContext())
        {
            var e = await db.Events.Include(x => x.Citations).OrderBy(x => x.Id).FirstAsync();
            e.TitleZh = "独一无二的标题";
            e.Citations[0].Quote = "a quote nobody else has";
            await db.SaveChangesAsync();
        }

        Assert.Single(await EventIds(factory, "独一无二"));
        Assert.Single(await EventIds(factory, "QUOTE NOBODY"));

        await using (var db = database.CreateContext())
        {
            db.Events.Remove(await db.Events.OrderBy(x => x.Id).FirstAsync());
            await db.SaveChangesAsync();
        }

        Assert.Empty(await EventIds(factory, "独一无二"));
        Assert.Empty(await EventIds(factory, "QUOTE NOBODY"));
        // SQLite: the FTS5 index is kept by triggers; check it. (PostgreSQL's trigram indexes are
        // maintained by the server itself and have no such check.)
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            await using var db = database.CreateContext();
            // The index is internally consistent ('integrity-check' raises an error otherwise) and has one row per event.
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "EventText"("EventText", "rank") VALUES ('integrity-check', 1);""");
            var rows = await db.Database.SqlQuery<int>($"""SELECT COUNT(*) AS "Value" FROM "EventText" """).SingleAsync();
            Assert.Equal(await db.Events.CountAsync(), rows);
        }

        // A citation added to another event, moved between events and deleted: the events' rows follow it.
        int first, second;
        await using (var db = database.CreateContext())
        {
            var events = await db.Events.OrderBy(x => x.Id).Take(2).ToListAsync();
            (first, second) = (events[0].Id, events[1].Id);
            var source = await db.Sources.FirstAsync();
            db.Citations.Add(new Citation { Event = events[0], Source = source, Quote = "一句新的引语 here" });
            await db.SaveChangesAsync();
        }

        Assert.Equal([first], await EventIds(factory, "一句新的引语"));
        await using (var db = database.CreateContext())
        {
            var citation = await db.Citations.SingleAsync(c => c.Quote == "一句新的引语 here");
            citation.EventId = second;
            await db.SaveChangesAsync();
        }

        Assert.Equal([second], await EventIds(factory, "一句新的引语"));
        await using (var db = database.CreateContext())
        {
            db.Citations.Remove(await db.Citations.SingleAsync(c => c.Quote == "一句新的引语 here"));
            await db.SaveChangesAsync();
        }

        Assert.Empty(await EventIds(factory, "一句新的引语"));
    }

    private static async Task<int[]> EventIds(ITrackerDbContextFactory factory, string text)
    {
        await using var db = await factory.CreateAsync();
        var ids = await TimelineService.Filter(db, new TimelineFilter { Text = text }).Select(e => e.Id).ToListAsync();
        return ids.Order().ToArray();
    }

    /// <summary>The same store without its full-text index: the timeline falls back to LIKE for every text.</summary>
    private sealed class LikeOnlyFactory(TestDatabase database) : ITrackerDbContextFactory
    {
        public Task<ITrackerDbContext> CreateAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<ITrackerDbContext>(new LikeOnlyContext(database.CreateContext()));
    }

    /// <summary>The store without its full-text index: every text filter by LIKE alone.</summary>
    private sealed class LikeOnlyContext(TrackerDbContext inner) : DelegatingContext(inner);
}
