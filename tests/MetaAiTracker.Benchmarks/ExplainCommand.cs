using System.Data.Common;
using MetaAiTracker.Core.Abstractions;
using MetaAiTracker.Core.Services;
using MetaAiTracker.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MetaAiTracker.Benchmarks;

/// <summary>
/// <c>explain --events N</c>: runs the benchmarks' service calls once, records every SQL command EF sends, and prints
/// each with SQLite's EXPLAIN QUERY PLAN (which index, scan or FTS5 lookup it uses) and its time.
/// </summary>
internal static class ExplainCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var database = await BenchDatabase.OpenAsync(Options.GetInt(args, "--events", 10000));
        var recorder = new Recorder();
        var options = new DbContextOptionsBuilder<TrackerDbContext>(database.Options).UseSqlite(database.ConnectionString).AddInterceptors(recorder).Options;
        var factory = new Factory(options);
        var which = Options.Get(args, "--only");

        // As the app has it (without the answer cache): one projection, built by the first text search (so "--warm 1"
        // or more shows a search without the build; --projection off shows the SQL-only path).
        var projection = Options.Get(args, "--projection") == "off" ? null : new TimelineProjection();

        var calls = new (string Name, Func<Task> Run)[]
        {
            ("Timeline", () => new TimelineService(factory, projection: projection).QueryAsync(TrackerBenchmarks.FilteredTimeline)),
            ("TextSearch", () => new TimelineService(factory, projection: projection).QueryAsync(TrackerBenchmarks.TextFilter)),
            ("TextSearchRareZh", () => new TimelineService(factory, projection: projection).QueryAsync(TrackerBenchmarks.RareChineseFilter)),
            ("TextSearchRareEn", () => new TimelineService(factory, projection: projection).QueryAsync(TrackerBenchmarks.RareEnglishFilter)),
            ("ApiEvents", () => new TimelineService(factory).QueryAsync(TrackerBenchmarks.ApiFilter)),
            ("Grouping", () => new TimelineService(factory).QueryAsync(TrackerBenchmarks.GroupFilter)),
            ("Attrition", () => new AttritionService(factory, TimeProvider.System).ComputeAsync(new AttritionRequest())),
        };
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        foreach (var (name, run) in calls.Where(c => which is null || c.Name == which))
        {
            // --warm N: run it N times first, so the timings are those of a warm page cache and connection pool.
            for (var i = 0; i < Options.GetInt(args, "--warm", 0); i++)
            {
                await run();
            }

            recorder.Commands.Clear();
            await run();
            Console.WriteLine($"===== {name}: {recorder.Commands.Count} commands");
            foreach (var (sql, parameters, ms) in recorder.Commands)
            {
                Console.WriteLine($"--- {ms:F1} ms");
                Console.WriteLine(sql);
                await using var explain = connection.CreateCommand();
                explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
                foreach (var (parameterName, value) in parameters)
                {
                    explain.Parameters.AddWithValue(parameterName, value ?? DBNull.Value);
                }

                await using var reader = await explain.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    Console.WriteLine($"  plan: {reader.GetInt32(0)}/{reader.GetInt32(1)} {reader.GetString(3)}");
                }
            }
        }

        return 0;
    }

    private sealed class Factory(DbContextOptions<TrackerDbContext> options) : ITrackerDbContextFactory
    {
        public Task<ITrackerDbContext> CreateAsync(CancellationToken cancellationToken = default) => Task.FromResult<ITrackerDbContext>(new TrackerDbContext(options));
    }

    private sealed class Recorder : DbCommandInterceptor
    {
        public List<(string Sql, List<(string, object?)> Parameters, double Ms)> Commands { get; } = [];

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            Commands.Add((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToList(), eventData.Duration.TotalMilliseconds));
            return ValueTask.FromResult(result);
        }

        public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
        {
            Commands.Add((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToList(), eventData.Duration.TotalMilliseconds));
            return ValueTask.FromResult(result);
        }
    }
}
