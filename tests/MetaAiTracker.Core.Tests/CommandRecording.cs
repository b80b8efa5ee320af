using System.Collections;
using System.Collections.Concurrent;
using System.Data.Common;
using MetaAiTracker.Core.Abstractions;
using MetaAiTracker.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MetaAiTracker.Core.Tests;

/// <summary>A command EF executed on a <see cref="RecordingFactory"/>'s context, and how many rows its reader returned.</summary>
internal sealed record Command(string Sql)
{
    public int RowsRead { get; set; }
}

/// <summary>Records every command EF executes and counts the rows each reader actually returned.</summary>
internal sealed class CommandRecorder : DbCommandInterceptor
{
    private readonly ConcurrentQueue<Command> _commands = new();

    public IReadOnlyList<Command> Commands => [.. _commands];

    /// <summary>Forgets what was recorded so far.</summary>
    public void Clear() => _commands.Clear();

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

internal sealed class RecordingFactory(MetaAiTracker.Tests.Shared.TestDatabase database, CommandRecorder recorder) : ITrackerDbContextFactory
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
internal sealed class CountingReader(DbDataReader inner, Command command) : DbDataReader
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
