using MetaAiTracker.Data.Dataset;
using MetaAiTracker.Tests.Shared;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MetaAiTracker.Data.Tests;

/// <summary>The start-up initializer against a database file that does not exist yet, wired as the app wires it.</summary>
public sealed class TrackerStoreInitializerTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "metaaitracker-tests", Guid.NewGuid().ToString("N"));

    public TrackerStoreInitializerTests()
    {
        // The database's own folder does not exist either: the initializer creates it.
        FilePath = Path.Combine(_folder, "data", "tracker.db");
        ConnectionString = $"Data Source={FilePath};Pooling=False";
    }

    private string FilePath { get; }
    private string ConnectionString { get; }

    [SqliteFact]
    public async Task On_an_empty_file_it_migrates_and_seeds_the_shipped_dataset()
    {
        Assert.False(File.Exists(FilePath));
        await using var services = BuildServices();

        await services.GetRequiredService<TrackerStoreInitializer>().InitializeAsync();

        Assert.True(File.Exists(FilePath));
        await using var db = await services.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(TestDocuments.LinkCountsOf(ShippedDataset.Read().Document!), await TestDocuments.CountStoreAsync(db));
    }

    [SqliteFact]
    public async Task Running_it_again_changes_no_row_count()
    {
        StoreCounts first;
        await using (var services = BuildServices())
        {
            await services.GetRequiredService<TrackerStoreInitializer>().InitializeAsync();
            first = await CountAsync(services);

            await services.GetRequiredService<TrackerStoreInitializer>().InitializeAsync();
            Assert.Equal(first, await CountAsync(services));
        }

        // A restart of the app: new services over the same file.
        await using (var restarted = BuildServices())
        {
            await restarted.GetRequiredService<TrackerStoreInitializer>().InitializeAsync();
            Assert.Equal(first, await CountAsync(restarted));
        }

        Assert.NotEqual(TestDocuments.Empty, first);
    }

    [SqliteFact]
    public async Task The_journal_mode_is_wal_afterwards()
    {
        await using (var services = BuildServices())
        {
            await services.GetRequiredService<TrackerStoreInitializer>().InitializeAsync();
        }

        // WAL is a property of the file: a fresh connection sees it.
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [SqliteFact]
    public async Task With_seeding_disabled_it_migrates_and_leaves_the_store_empty()
    {
        await using var services = BuildServices(o => o.Enabled = false);

        await services.GetRequiredService<TrackerStoreInitializer>().InitializeAsync();

        await using var db = await services.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(TestDocuments.Empty, await TestDocuments.CountStoreAsync(db));
    }

    [SqliteFact]
    public async Task A_broken_seed_file_is_refused_with_its_problems_and_seeds_nothing()
    {
        Directory.CreateDirectory(_folder);
        var seed = Path.Combine(_folder, "broken.json");
        var document = TestDocuments.Valid();
        document["events"]![0]!["themes"]![0] = "talnet";
        await File.WriteAllTextAsync(seed, document.ToJsonString());
        await using var services = BuildServices(o => o.DatasetPath = seed);

        var rejected = await Assert.ThrowsAsync<DatasetValidationException>(() => services.GetRequiredService<TrackerStoreInitializer>().InitializeAsync());

        Assert.Equal("$.events[0].themes[0]", Assert.Single(rejected.Problems).Path);
        await using var db = await services.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync();
        Assert.Equal(TestDocuments.Empty, await TestDocuments.CountStoreAsync(db));
    }

    [SqliteFact]
    public async Task A_seed_file_replaces_the_shipped_dataset()
    {
        Directory.CreateDirectory(_folder);
        var seed = Path.Combine(_folder, "small.json");
        var json = TestDocuments.Valid().ToJsonString();
        await File.WriteAllTextAsync(seed, json);
        await using var services = BuildServices(o => o.DatasetPath = seed);

        await services.GetRequiredService<TrackerStoreInitializer>().InitializeAsync();

        Assert.Equal(TestDocuments.LinkCountsOf(DatasetReader.Read(json).Document!), await CountAsync(services));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // the test failed before creating anything
        }
        catch (IOException)
        {
            // best effort: the temp folder is cleaned by the OS
        }
    }

    private ServiceProvider BuildServices(Action<SeedOptions>? seed = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContextFactory<TrackerDbContext>(options => options.UseSqlite(ConnectionString));
        services.AddOptions<SeedOptions>().Configure(o => seed?.Invoke(o));
        services.AddSingleton<TrackerStoreInitializer>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static async Task<StoreCounts> CountAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync();
        return await TestDocuments.CountStoreAsync(db);
    }
}
