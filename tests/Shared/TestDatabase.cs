using MetaAiTracker.Data;
using MetaAiTracker.Data.Dataset;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Tests.Shared;

/// <summary>
/// A real database of its own, migrated, for one test class: a temporary SQLite file, or on PostgreSQL runs a fresh
/// database on the test cluster (<see cref="TestProvider"/>). Deleted on dispose.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private readonly EmptyStore _store = new();

    public TestDatabase()
    {
        Options = new DbContextOptionsBuilder<TrackerDbContext>().Use(Provider, ConnectionString).Options;
        using var db = CreateContext();
        db.Database.Migrate();
    }

    public DatabaseProvider Provider => _store.Provider;
    public string ConnectionString => _store.ConnectionString;
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

    /// <summary>
    /// Makes every INSERT into <paramref name="table"/> fail with <paramref name="message"/> (a trigger in the
    /// provider's own dialect), to prove that a write failing half-way is rolled back entirely.
    /// </summary>
    public async Task RefuseInsertsIntoAsync(string table, string message)
    {
        await using var db = CreateContext();
        var name = "refuse_" + table.ToLowerInvariant();
        var sql = Provider == DatabaseProvider.Postgres
            ? $"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '{message}'; END $$; " +
              $"CREATE TRIGGER {name} BEFORE INSERT ON \"{table}\" FOR EACH ROW EXECUTE FUNCTION {name}();"
            : $"CREATE TRIGGER {name} BEFORE INSERT ON \"{table}\" BEGIN SELECT RAISE(ABORT, '{message}'); END;";
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    public void Dispose() => _store.Dispose();
}

public sealed class TestDbContextFactory(TestDatabase database) : MetaAiTracker.Core.Abstractions.ITrackerDbContextFactory, IDbContextFactory<TrackerDbContext>
{
    public TrackerDbContext CreateDbContext() => database.CreateContext();

    public Task<MetaAiTracker.Core.Abstractions.ITrackerDbContext> CreateAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<MetaAiTracker.Core.Abstractions.ITrackerDbContext>(database.CreateContext());
}
