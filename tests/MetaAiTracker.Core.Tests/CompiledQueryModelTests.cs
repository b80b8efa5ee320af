using MetaAiTracker.Core.Abstractions;
using MetaAiTracker.Core.Services;
using MetaAiTracker.Data;
using MetaAiTracker.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Core.Tests;

/// <summary>
/// The services' compiled queries must work with every EF model in the process: several app hosts in one test run
/// each build their own model, and a compiled query bound to the first one used to throw on the second.
/// </summary>
public sealed class CompiledQueryModelTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.WithShippedDatasetAsync();

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Timeline_and_event_queries_run_against_two_different_models()
    {
        var first = new TimelineService(_database.Factory);
        var second = new TimelineService(new SeparateModelFactory(_database.ConnectionString));

        var a = await first.QueryAsync(new TimelineFilter { Themes = ["talent"] });
        var b = await second.QueryAsync(new TimelineFilter { Themes = ["talent"] });

        Assert.Equal(a.Items.Select(i => i.Slug), b.Items.Select(i => i.Slug));
        Assert.Equal(a.TotalInStore, b.TotalInStore);
        Assert.Equal(a.Facets.Themes, b.Facets.Themes);

        var slug = a.Items[0].Slug;
        Assert.Equal(slug, (await new EventService(_database.Factory).GetAsync(slug))!.Slug);
        Assert.Equal(slug, (await new EventService(new SeparateModelFactory(_database.ConnectionString)).GetAsync(slug))!.Slug);
    }

    /// <summary>Contexts with their own internal service provider, hence their own model instance.</summary>
    private sealed class SeparateModelFactory(string connectionString) : ITrackerDbContextFactory
    {
        private readonly DbContextOptions<TrackerDbContext> _options = new DbContextOptionsBuilder<TrackerDbContext>()
            .Use(TestProvider.Current, connectionString).EnableServiceProviderCaching(false).Options;

        public Task<ITrackerDbContext> CreateAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<ITrackerDbContext>(new TrackerDbContext(_options));
    }
}
