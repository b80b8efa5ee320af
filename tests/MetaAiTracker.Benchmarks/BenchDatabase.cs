using System.Diagnostics;
using System.Globalization;
using MetaAiTracker.Core.Abstractions;
using MetaAiTracker.Data;
using MetaAiTracker.Data.Dataset;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MetaAiTracker.Benchmarks;

/// <summary>
/// The benchmark database for one size: a SQLite file under /tmp, migrated and loaded through the product's own
/// <see cref="DatasetLoader"/> with <see cref="SyntheticDataset"/>. Built once and reused by every benchmark process
/// (the file name carries the size, the seed and the latest migration, so a schema change builds a new one).
/// </summary>
public sealed class BenchDatabase
{
    public const int Seed = 42;

    private BenchDatabase(string path)
    {
        FilePath = path;
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite }.ToString();
        Options = new DbContextOptionsBuilder<TrackerDbContext>().UseSqlite(ConnectionString).Options;
    }

    public string FilePath { get; }
    public string ConnectionString { get; }
    public DbContextOptions<TrackerDbContext> Options { get; }

    public ITrackerDbContextFactory Factory => new ContextFactory(Options);

    public static string Folder => Path.Combine(Path.GetTempPath(), "metaaitracker-bench");

    public static async Task<BenchDatabase> OpenAsync(int events, int seed = Seed, TextWriter? log = null)
    {
        Directory.CreateDirectory(Folder);
        var migration = LatestMigration();
        var path = Path.Combine(Folder, string.Create(CultureInfo.InvariantCulture, $"events-{events}-seed-{seed}-{migration}.db"));
        if (!File.Exists(path))
        {
            await BuildAsync(path, events, seed, log ?? Console.Out);
        }

        return new BenchDatabase(path);
    }

    private static string LatestMigration()
    {
        using var db = new TrackerDbContext(new DbContextOptionsBuilder<TrackerDbContext>().UseSqlite("Data Source=:memory:").Options);
        return db.Database.GetMigrations().Last().Split('_')[0];
    }

    private static async Task BuildAsync(string path, int events, int seed, TextWriter log)
    {
        // Build into a private file and move it into place when complete, so that concurrent benchmark processes
        // never see half a database.
        var building = path + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".building";
        var clock = Stopwatch.StartNew();
        var options = new DbContextOptionsBuilder<TrackerDbContext>().UseSqlite($"Data Source={building};Pooling=False").Options;
        await using (var db = new TrackerDbContext(options))
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            var document = SyntheticDataset.Generate(events, seed);
            var counts = await DatasetLoader.LoadAsync(db, document);
            await log.WriteLineAsync($"built {path}: {counts} in {clock.Elapsed.TotalSeconds:F1} s");
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        }

        SqliteConnection.ClearAllPools();
        File.Move(building, path, overwrite: true);
        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            File.Delete(building + suffix);
        }
    }

    private sealed class ContextFactory(DbContextOptions<TrackerDbContext> options) : ITrackerDbContextFactory
    {
        public Task<ITrackerDbContext> CreateAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<ITrackerDbContext>(new TrackerDbContext(options));
    }
}

/// <summary><c>db --events N</c>: builds (or finds) the benchmark database and prints its path.</summary>
internal static class DatabaseCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var database = await BenchDatabase.OpenAsync(Options.GetInt(args, "--events", 1000), Options.GetInt(args, "--seed", BenchDatabase.Seed));
        Console.WriteLine(database.FilePath);
        return 0;
    }
}
