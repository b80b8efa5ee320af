using MetaAiTracker.Data.Dataset;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MetaAiTracker.Data;

/// <summary>
/// Brings the store up to date on start: applies migrations and, when the store is empty, loads the shipped dataset.
/// Running it again changes nothing. On SQLite it also creates the database folder and turns on WAL. On PostgreSQL,
/// where several instances may start at the same moment on one empty database, both steps are guarded: a
/// PostgreSQL advisory lock around "apply what is pending, then load the dataset if the store is empty" lets exactly
/// one instance do each.
/// </summary>
public sealed class TrackerStoreInitializer(
    IDbContextFactory<TrackerDbContext> factory,
    IOptions<SeedOptions> seedOptions,
    ILogger<TrackerStoreInitializer> logger)
{
    /// <summary>The PostgreSQL advisory lock key that serialises start-up (migrate, then seed) across instances.</summary>
    public const long StartLockKey = 0x4D45_5441_5345_4544; // "METASEED"

    /// <param name="alsoUnderStartLock">
    /// Work that must also happen once per database rather than once per instance, run after seeding while the lock is
    /// still held (the web host creates the first Data Protection key there, so that two instances starting together
    /// do not each make their own).
    /// </param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    public async Task InitializeAsync(Func<CancellationToken, Task>? alsoUnderStartLock = null, CancellationToken cancellationToken = default)
    {
        alsoUnderStartLock ??= _ => Task.CompletedTask;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (TrackerDatabase.ProviderOf(db) == DatabaseProvider.Sqlite)
        {
            var file = PrepareSqliteFolder(db);
            await MigrateAsync(db, file, cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await SeedIfEmptyAsync(db, cancellationToken);
            await alsoUnderStartLock(cancellationToken);
            return;
        }

        // PostgreSQL: several instances may start at the same moment on one empty database. EF Core's own migration
        // lock was not enough on its own (measured: two instances both ran the raw-SQL TextSearch migration), so one
        // session-level advisory lock, held on this context's open connection, covers "apply what is pending" and
        // "is the store empty? then load it". The first instance migrates and seeds; the others wait for the lock,
        // then find nothing pending and data present. The lock goes with the session if this process dies half-way.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({StartLockKey})", cancellationToken);
            await MigrateAsync(db, db.Database.GetDbConnection().Database, cancellationToken);
            await SeedIfEmptyAsync(db, cancellationToken);
            await alsoUnderStartLock(cancellationToken);
        }
        finally
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({StartLockKey})", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task MigrateAsync(TrackerDbContext db, string database, CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s) to {Provider} database {Database}: {Migrations}",
                pending.Count, TrackerDatabase.ProviderOf(db), database, pending);
            await db.Database.MigrateAsync(cancellationToken);
        }
    }

    private static string PrepareSqliteFolder(TrackerDbContext db)
    {
        var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (Path.GetDirectoryName(file) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        return file;
    }

    private async Task SeedIfEmptyAsync(TrackerDbContext db, CancellationToken cancellationToken)
    {
        if (!seedOptions.Value.Enabled)
        {
            logger.LogInformation("Seeding is disabled (Tracker:Seed:Enabled=false)");
            return;
        }

        if (await db.Sources.AnyAsync(cancellationToken) || await db.Events.AnyAsync(cancellationToken))
        {
            logger.LogInformation("Store already holds data; nothing seeded");
            return;
        }

        var result = seedOptions.Value.DatasetPath is { } path
            ? DatasetReader.Read(await File.ReadAllBytesAsync(path, cancellationToken))
            : ShippedDataset.Read();
        if (!result.IsValid)
        {
            throw new DatasetValidationException(result.Problems);
        }

        var counts = await DatasetLoader.LoadAsync(db, result.Document!, cancellationToken);
        logger.LogInformation("Seeded the store with {Name}: {Counts}", result.Document!.Name, counts);
    }
}
