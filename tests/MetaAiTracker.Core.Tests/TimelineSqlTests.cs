using System.Collections;
using System.Collections.Concurrent;
using System.Data.Common;
using MetaAiTracker.Core.Abstractions;
using MetaAiTracker.Core.Domain;
using MetaAiTracker.Core.Services;
using MetaAiTracker.Data;
using MetaAiTracker.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

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

    private sealed record Command(string Sql)
    {
        public int RowsRead { get; set; }
    }

    /// <summary>Records every command EF executes and counts the rows each reader actually returned.</summary>
    private sealed class CommandRecorder : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<Command> _commands = new();

        public IReadOnlyList<Command> Commands => [.. _commands];

        public ConcurrentQueue<string> Logged { get; } = new();

        /// <summary>
        /// The query that loads the page's events: its top-level SELECT lists the event's own columns. (The split
        /// queries for themes, people and organisations select the related rows and only join the paged events.)
        /// </summary>
        public Command ItemsQuery() => Assert.Single(Commands, c =>
            c.Sql.ReplaceLineEndings("\n").Split('\n')[0] is var select
            && select.Contains("\"e\".\"TitleEn\"", StringComparison.Ordinal) && select.Contains("\"e\".\"TitleZh\"", StringComparison.Ordinal));

        public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result) =>
            Wrap(command, result);

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<DbDataReader>(Wrap(command, result));

        private CountingReader Wrap(DbCommand command, DbDataReader result)
        {
            var recorded = new Command(command.CommandText);
            _commands.Enqueue(recorded);
            return new CountingReader(result, recorded);
        }
    }

    private sealed class RecordingFactory(MetaAiTracker.Tests.Shared.TestDatabase database, CommandRecorder recorder) : ITrackerDbContextFactory
    {
        public Task<ITrackerDbContext> CreateAsync(CancellationToken cancellationToken = default)
        {
            var options = new DbContextOptionsBuilder<TrackerDbContext>()
                .UseSqlite(database.ConnectionString)
                .AddInterceptors(recorder)
                .LogTo(recorder.Logged.Enqueue, [RelationalEventId.CommandExecuted])
                .Options;
            return Task.FromResult<ITrackerDbContext>(new TrackerDbContext(options));
        }
    }

    /// <summary>Passes everything to the provider's reader and counts the reads that returned a row.</summary>
    private sealed class CountingReader(DbDataReader inner, Command command) : DbDataReader
    {
        public override bool Read()
        {
            var row = inner.Read();
            if (row)
            {
                command.RowsRead++;
            }

            return row;
        }

        public override async Task<bool> ReadAsync(CancellationToken cancellationToken)
        {
            var row = await inner.ReadAsync(cancellationToken);
            if (row)
            {
                command.RowsRead++;
            }

            return row;
        }

        public override object this[int ordinal] => inner[ordinal];
        public override object this[string name] => inner[name];
        public override int Depth => inner.Depth;
        public override int FieldCount => inner.FieldCount;
        public override bool HasRows => inner.HasRows;
        public override bool IsClosed => inner.IsClosed;
        public override int RecordsAffected => inner.RecordsAffected;
        public override int VisibleFieldCount => inner.VisibleFieldCount;
        public override bool GetBoolean(int ordinal) => inner.GetBoolean(ordinal);
        public override byte GetByte(int ordinal) => inner.GetByte(ordinal);
        public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => inner.GetBytes(ordinal, dataOffset, buffer, bufferOffset, length);
        public override char GetChar(int ordinal) => inner.GetChar(ordinal);
        public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => inner.GetChars(ordinal, dataOffset, buffer, bufferOffset, length);
        public override string GetDataTypeName(int ordinal) => inner.GetDataTypeName(ordinal);
        public override DateTime GetDateTime(int ordinal) => inner.GetDateTime(ordinal);
        public override decimal GetDecimal(int ordinal) => inner.GetDecimal(ordinal);
        public override double GetDouble(int ordinal) => inner.GetDouble(ordinal);
        public override IEnumerator GetEnumerator() => inner.GetEnumerator();
        public override Type GetFieldType(int ordinal) => inner.GetFieldType(ordinal);
        public override T GetFieldValue<T>(int ordinal) => inner.GetFieldValue<T>(ordinal);
        public override Task<T> GetFieldValueAsync<T>(int ordinal, CancellationToken cancellationToken) => inner.GetFieldValueAsync<T>(ordinal, cancellationToken);
        public override float GetFloat(int ordinal) => inner.GetFloat(ordinal);
        public override Guid GetGuid(int ordinal) => inner.GetGuid(ordinal);
        public override short GetInt16(int ordinal) => inner.GetInt16(ordinal);
        public override int GetInt32(int ordinal) => inner.GetInt32(ordinal);
        public override long GetInt64(int ordinal) => inner.GetInt64(ordinal);
        public override string GetName(int ordinal) => inner.GetName(ordinal);
        public override int GetOrdinal(string name) => inner.GetOrdinal(name);
        public override string GetString(int ordinal) => inner.GetString(ordinal);
        public override Stream GetStream(int ordinal) => inner.GetStream(ordinal);
        public override TextReader GetTextReader(int ordinal) => inner.GetTextReader(ordinal);
        public override object GetValue(int ordinal) => inner.GetValue(ordinal);
        public override int GetValues(object[] values) => inner.GetValues(values);
        public override bool IsDBNull(int ordinal) => inner.IsDBNull(ordinal);
        public override Task<bool> IsDBNullAsync(int ordinal, CancellationToken cancellationToken) => inner.IsDBNullAsync(ordinal, cancellationToken);
        public override bool NextResult() => inner.NextResult();
        public override Task<bool> NextResultAsync(CancellationToken cancellationToken) => inner.NextResultAsync(cancellationToken);
        public override void Close() => inner.Close();
        public override Task CloseAsync() => inner.CloseAsync();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        public override ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
