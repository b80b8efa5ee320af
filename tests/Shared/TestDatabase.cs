using MetaAiTracker.Data;
using MetaAiTracker.Data.Dataset;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Tests.Shared;

/// <summary>
/// A real SQLite database in its own temporary file, migrated, for one test class. Deleted on dispose.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public TestDatabase()
    {
        FilePath = Path.Combine(Path.GetTempPath(), "metaaitracker-tests", $"{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        ConnectionString = $"Data Source={FilePath};Pooling=False";
        Options = new DbContextOptionsBuilder<TrackerDbContext>().UseSqlite(ConnectionString).Options;
        using var db = CreateContext();
        db.Database.Migrate();
    }

    public string FilePath { get; }
    public string ConnectionString { get; }
    public DbContextOptions<TrackerDbContext> Options { get; }

    public TrackerDbContext CreateContext() => new(Options);

    public TestDbContextFactory Factory => new(this);

    /// <summary>A migrated database holding the shipped dataset.</summary>
    public static async Task<TestDatabase> WithShippedDatasetAsync()
    {
        var database = new TestDatabase();
        await database.LoadAsync(ShippedDataset.Read().Document!);
        return database;
    }

    public async Task LoadAsync(DatasetDocument document)
    {
        await using var db = CreateContext();
        await DatasetLoader.LoadAsync(db, document);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try
            {
                File.Delete(FilePath + suffix);
            }
            catch (IOException)
            {
                // best effort: the temp folder is cleaned by the OS
            }
        }
    }
}

public sealed class TestDbContextFactory(TestDatabase database) : MetaAiTracker.Core.Abstractions.ITrackerDbContextFactory, IDbContextFactory<TrackerDbContext>
{
    public TrackerDbContext CreateDbContext() => database.CreateContext();

    public Task<MetaAiTracker.Core.Abstractions.ITrackerDbContext> CreateAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<MetaAiTracker.Core.Abstractions.ITrackerDbContext>(database.CreateContext());
}
