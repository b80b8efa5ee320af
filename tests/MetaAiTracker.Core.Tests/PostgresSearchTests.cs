using MetaAiTracker.Core.Services;
using MetaAiTracker.Data;
using MetaAiTracker.Data.Dataset;
using MetaAiTracker.Tests.Shared;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace MetaAiTracker.Core.Tests;

/// <summary>
/// The timeline's text search on PostgreSQL: SQLite's LIKE rule (ASCII letters in any case, every other character as
/// written) and the pg_trgm indexes behind <see cref="TrackerDbContext.EventIdsMatching"/>. The agreement of the
/// index with LIKE on generated data is FullTextSearchTests, which runs on both providers.
/// </summary>
public sealed class PostgresSearchTests(ShippedDatabase fixture) : IClassFixture<ShippedDatabase>
{
    [PostgresFact]
    public async Task Ascii_case_is_ignored_as_on_sqlite()
    {
        var lower = await Ids(fixture.Database, "superintelligence");
        Assert.NotEmpty(lower);
        Assert.Equal(lower, await Ids(fixture.Database, "SUPERINTELLIGENCE"));
        Assert.Equal(lower, await Ids(fixture.Database, "SuperIntelligence"));
    }

    [PostgresFact]
    public async Task Non_ascii_case_is_not_folded_as_on_sqlite()
    {
        // SQLite's LIKE folds A–Z only; so does the PostgreSQL translation, whatever the database's locale.
        using var database = new TestDatabase();
        await database.LoadAsync(ShippedDataset.Read().Document!);
        await using (var db = database.CreateContext())
        {
            var e = await db.Events.OrderBy(x => x.Id).FirstAsync();
            e.TitleEn = "Über-team formed";
            await db.SaveChangesAsync();
        }

        Assert.Single(await Ids(database, "ber-team"));
        Assert.Single(await Ids(database, "Über-TEAM"));
        Assert.Empty(await Ids(database, "über-team"));
    }

    private static async Task<int[]> Ids(TestDatabase database, string text)
    {
        await using var db = database.CreateContext();
        return (await TimelineService.Filter(db, new TimelineFilter { Text = text }).Select(e => e.Id).ToListAsync()).Order().ToArray();
    }
}

/// <summary>The pg_trgm indexes answer the query behind <see cref="TrackerDbContext.EventIdsMatching"/> (generated data).</summary>
public sealed class PostgresTrigramPlanTests(SyntheticDatabase fixture) : IClassFixture<SyntheticDatabase>
{
    [PostgresFact]
    public async Task The_candidate_query_can_use_the_trigram_indexes()
    {
        var explain = new ExplainRecorder();
        await using var db = new TrackerDbContext(new DbContextOptionsBuilder<TrackerDbContext>()
            .Use(DatabaseProvider.Postgres, fixture.Database.ConnectionString).AddInterceptors(explain).Options);

        // A thousand events are still few enough for the planner to prefer a scan; forbid it (for this session), and
        // the plan of the query EventIdsMatching sends must show each event column's trigram index answering the ILIKE.
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("""ANALYZE "Events", "Citations" """); // as autovacuum would have by now
        await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off");
        Assert.NotEmpty(await db.EventIdsMatching("familiar with the matter")!.ToListAsync());
        // (The citation branch also filters on "EventId" IS NOT NULL, and at this size the planner reads the EventId
        // index for it instead of the quote indexes; the Events branch is the one that must not scan.)
        foreach (var column in new[] { "Events_TitleEn", "Events_TitleZh", "Events_SummaryEn", "Events_SummaryZh" })
        {
            Assert.True(explain.Plan.Contains($"IX_{column}_Trigram", StringComparison.Ordinal), explain.Plan);
        }
    }

    /// <summary>Runs EXPLAIN, with the same parameters, for the query a context sends (on the same connection first).</summary>
    private sealed class ExplainRecorder : DbCommandInterceptor
    {
        public string Plan { get; private set; } = string.Empty;

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await using var explain = command.Connection!.CreateCommand();
            explain.CommandText = "EXPLAIN " + command.CommandText;
            foreach (var parameter in command.Parameters.Cast<NpgsqlParameter>())
            {
                explain.Parameters.Add(parameter.Clone());
            }

            var lines = new List<string>();
            await using (var reader = await explain.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    lines.Add(reader.GetString(0));
                }
            }

            Plan = string.Join('\n', lines);
            return result;
        }
    }
}
