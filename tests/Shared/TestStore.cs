using MetaAiTracker.Data;
using Npgsql;

namespace MetaAiTracker.Tests.Shared;

/// <summary>
/// Which database the tests run on: SQLite files by default; PostgreSQL when <c>TRACKER_TEST_PROVIDER=Postgres</c>, with
/// <c>TRACKER_TEST_PG</c> an administrator connection string (tests/run.sh starts a throw-away cluster and sets both).
/// </summary>
public static class TestProvider
{
    public static DatabaseProvider Current { get; } =
        string.Equals(Environment.GetEnvironmentVariable("TRACKER_TEST_PROVIDER"), "Postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    public static bool IsPostgres => Current == DatabaseProvider.Postgres;

    /// <summary>The administrator connection string of the test cluster (PostgreSQL runs only).</summary>
    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("TRACKER_TEST_PG") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException("TRACKER_TEST_PROVIDER=Postgres needs TRACKER_TEST_PG, an administrator connection string (tests/run.sh sets it).");
}

/// <summary>A test that means something on SQLite only (FTS5, PRAGMAs, SQLite's SQL): skipped, and counted as skipped, on PostgreSQL runs.</summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute()
    {
        if (TestProvider.IsPostgres)
        {
            Skip = "SQLite only (this run is on PostgreSQL)";
        }
    }
}

/// <inheritdoc cref="SqliteFactAttribute"/>
public sealed class SqliteTheoryAttribute : TheoryAttribute
{
    public SqliteTheoryAttribute()
    {
        if (TestProvider.IsPostgres)
        {
            Skip = "SQLite only (this run is on PostgreSQL)";
        }
    }
}

/// <summary>A test of PostgreSQL itself (pg_trgm, advisory locks): skipped, and counted as skipped, on SQLite runs.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestProvider.IsPostgres)
        {
            Skip = "PostgreSQL only (run with TRACKER_TEST_PROVIDER=Postgres; tests/run.sh does)";
        }
    }
}

/// <summary>
/// One empty database of its own on the provider of this run, deleted on dispose: a temporary SQLite file, or a
/// uniquely named database on the test PostgreSQL cluster (dropped with FORCE, so leftover connections do not keep it).
/// </summary>
public sealed class EmptyStore : IDisposable
{
    public EmptyStore(string prefix = "t", DatabaseProvider? provider = null)
    {
        Provider = provider ?? TestProvider.Current;
        if (Provider == DatabaseProvider.Postgres)
        {
            Name = $"mat_{prefix.ToLowerInvariant()}_{Guid.NewGuid():N}"; // PostgreSQL names are at most 63 bytes
            Admin($"CREATE DATABASE \"{Name}\"");
            ConnectionString = new NpgsqlConnectionStringBuilder(TestProvider.AdminConnectionString) { Database = Name }.ConnectionString;
        }
        else
        {
            Name = Path.Combine(Path.GetTempPath(), "metaaitracker-tests", $"{prefix}-{Guid.NewGuid():N}.db");
            Directory.CreateDirectory(Path.GetDirectoryName(Name)!);
            ConnectionString = $"Data Source={Name};Pooling=False";
        }
    }

    public DatabaseProvider Provider { get; }

    /// <summary>The SQLite file's path, or the PostgreSQL database's name.</summary>
    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>The settings that point an app host at this store.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:Tracker"] = ConnectionString,
        ["Tracker:Database:Provider"] = Provider.ToString(),
    };

    public void Dispose()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            NpgsqlConnection.ClearAllPools();
            Admin($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
            return;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try
            {
                File.Delete(Name + suffix);
            }
            catch (IOException)
            {
                // best effort: the temp folder is cleaned by the OS
            }
        }
    }

    private static void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(TestProvider.AdminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
