using System.ComponentModel.DataAnnotations;
using MetaAiTracker.Data.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MetaAiTracker.Data;

/// <summary>The database servers the store runs on (<c>Tracker:Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>One SQLite file next to the app: the zero-setup default, for a single instance.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server shared by any number of instances (docs/deployment.md).</summary>
    Postgres,
}

/// <summary>Which database the store uses (<c>Tracker:Database</c>); the connection string stays <c>ConnectionStrings:Tracker</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Tracker:Database";

    [EnumDataType(typeof(DatabaseProvider))]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

/// <summary>How a <see cref="TrackerDbContext"/> is configured for each provider: one place for the app, the tests and the design-time tools.</summary>
public static class TrackerDatabase
{
    /// <summary>
    /// The assembly that holds the PostgreSQL migrations. Each provider keeps its own migrations (docs/decisions/0005):
    /// SQLite's stay in this assembly, PostgreSQL's live in the MetaAiTracker.Data.Postgres project, which the app
    /// (and any test that migrates a PostgreSQL database) must reference so that it is deployed alongside.
    /// </summary>
    public const string PostgresMigrationsAssembly = "MetaAiTracker.Data.Postgres";

    /// <summary>Points <paramref name="options"/> at the store on <paramref name="provider"/>.</summary>
    public static DbContextOptionsBuilder Use(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(connectionString);
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly));
                ((Microsoft.EntityFrameworkCore.Infrastructure.IDbContextOptionsBuilderInfrastructure)options)
                    .AddOrUpdateExtension(new AsciiCaseInsensitiveLikeExtension());
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "unknown database provider");
        }

        return options;
    }

    /// <inheritdoc cref="Use(DbContextOptionsBuilder, DatabaseProvider, string)"/>
    public static DbContextOptionsBuilder<TrackerDbContext> Use(this DbContextOptionsBuilder<TrackerDbContext> options, DatabaseProvider provider, string connectionString)
    {
        ((DbContextOptionsBuilder)options).Use(provider, connectionString);
        return options;
    }

    /// <summary>The PostgreSQL advisory lock key that serialises the dataset's writers (editor saves, deletes, restores, imports).</summary>
    public const long WriteLockKey = 0x4D45_5441_5752_4954; // "METAWRIT"

    /// <summary>
    /// Begins the transaction of a dataset write. Editor saves and imports read the store, validate it as it would be
    /// after the change and compare versions before writing, so two writers must not interleave. SQLite's transaction is
    /// already <c>BEGIN IMMEDIATE</c> (one writer at a time). PostgreSQL's default isolation (read committed) would let two
    /// instances read the same state and both write, so there the transaction also takes a transaction-scoped advisory
    /// lock: writers on every instance queue, and each one's reads (taken after the lock) see the previous writer's commit.
    /// </summary>
    public static async Task<IDbContextTransaction> BeginWriteAsync(DbContext db, CancellationToken cancellationToken = default)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({WriteLockKey})", cancellationToken);
        }

        return transaction;
    }

    /// <summary>The provider's name as the health check and the logs report it.</summary>
    public static DatabaseProvider ProviderOf(DbContext db) =>
        db.Database.IsNpgsql() ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
}
