using MetaAiTracker.Data.Dataset;
using MetaAiTracker.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MetaAiTracker.Data.Tests;

/// <summary>
/// Start-up on a PostgreSQL database shared by several instances: the initializer's advisory lock makes exactly one
/// of them migrate and seed, however many start at once (the SQLite start-up is TrackerStoreInitializerTests).
/// </summary>
public sealed class PostgresStartTests
{
    [PostgresFact]
    public async Task Four_instances_starting_together_on_an_empty_database_migrate_and_seed_once()
    {
        using var store = new EmptyStore("start");
        var instances = Enumerable.Range(0, 4).Select(_ => BuildServices(store)).ToList();
        try
        {
            using var go = new ManualResetEventSlim();
            var starts = instances.Select(s => Task.Run(async () =>
            {
                go.Wait();
                await s.GetRequiredService<TrackerStoreInitializer>().InitializeAsync();
            })).ToList();
            go.Set();
            await Task.WhenAll(starts);

            await using var db = await instances[0].GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(TestDocuments.LinkCountsOf(ShippedDataset.Read().Document!), await TestDocuments.CountStoreAsync(db));
        }
        finally
        {
            foreach (var s in instances)
            {
                await s.DisposeAsync();
            }
        }
    }

    [PostgresFact]
    public async Task Seeding_waits_while_another_session_holds_the_start_lock()
    {
        using var store = new EmptyStore("lock");
        await using var services = BuildServices(store);
        await using var holder = new NpgsqlConnection(store.ConnectionString);
        await holder.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({TrackerStoreInitializer.StartLockKey})", holder))
        {
            await take.ExecuteNonQueryAsync();
        }

        var start = services.GetRequiredService<TrackerStoreInitializer>().InitializeAsync();
        await Task.WhenAny(start, Task.Delay(TimeSpan.FromSeconds(2)));
        Assert.False(start.IsCompleted, "the initializer ran although another session held the start lock");

        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({TrackerStoreInitializer.StartLockKey})", holder))
        {
            await release.ExecuteNonQueryAsync();
        }

        await start.WaitAsync(TimeSpan.FromSeconds(60));
        await using var db = await services.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync();
        Assert.Equal(ShippedDataset.Read().Document!.Events!.Count, await db.Events.CountAsync());
    }

    private static ServiceProvider BuildServices(EmptyStore store)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContextFactory<TrackerDbContext>(options => options.Use(store.Provider, store.ConnectionString));
        services.AddOptions<SeedOptions>();
        services.AddSingleton<TrackerStoreInitializer>();
        return services.BuildServiceProvider();
    }
}
