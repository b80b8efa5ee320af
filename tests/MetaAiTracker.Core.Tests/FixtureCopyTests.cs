using MetaAiTracker.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Core.Tests;

/// <summary>A test class whose every test writes to its own fresh copy of the fixture (SQL statements run as written).</summary>
public abstract class FixtureCopyTests : IAsyncLifetime
{
    protected TestDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync() => Database = await FixtureDataset.LoadAsync();

    public Task DisposeAsync()
    {
        Database.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Runs <paramref name="sql"/>, which must change something.</summary>
    protected async Task ExecuteAsync(string sql)
    {
        await using var db = Database.CreateContext();
        Assert.True(await db.Database.ExecuteSqlRawAsync(sql) > 0, $"the write changed nothing: {sql}");
    }
}
