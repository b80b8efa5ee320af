using MetaAiTracker.Data.Dataset;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MetaAiTracker.Data;

/// <summary>
/// Brings the store up to date on start: creates the database folder, applies migrations, turns on WAL and,
/// when the store is empty, loads the shipped dataset. Running it again changes nothing.
/// </summary>
public sealed class TrackerStoreInitializer(
    IDbContextFactory<TrackerDbContext> factory,
    IOptions<SeedOptions> seedOptions,
    ILogger<TrackerStoreInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var connectionString = db.Database.GetConnectionString();
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (Path.GetDirectoryName(file) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s) to {Database}: {Migrations}", pending.Count, file, pending);
            await db.Database.MigrateAsync(cancellationToken);
        }

        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);

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
