using MetaAiTracker.Tests.Shared;

namespace MetaAiTracker.Core.Tests;

/// <summary>The <see cref="FixtureDataset"/> loaded once into a real SQLite file, shared by one test class (read-only use).</summary>
public sealed class FixtureDatabase : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync() => Database = await FixtureDataset.LoadAsync();

    public Task DisposeAsync()
    {
        Database.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The shipped dataset loaded once, shared by one test class (read-only use).</summary>
public sealed class ShippedDatabase : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync() => Database = await TestDatabase.WithShippedDatasetAsync();

    public Task DisposeAsync()
    {
        Database.Dispose();
        return Task.CompletedTask;
    }
}
