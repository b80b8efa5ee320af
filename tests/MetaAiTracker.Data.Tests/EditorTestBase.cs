using MetaAiTracker.Data.Dataset;
using MetaAiTracker.Data.Editing;
using MetaAiTracker.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace MetaAiTracker.Data.Tests;

/// <summary>
/// A fresh store holding the small test document (<see cref="TestDocuments.Valid"/>) and a <see cref="DatasetEditor"/>
/// on it with a fake clock: what every editor test starts from.
/// </summary>
public abstract class EditorTestBase : IAsyncLifetime
{
    protected const string Alice = "alice@example.org";
    protected const string Bob = "bob@example.org";

    protected readonly TestDatabase _database = new();
    protected readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 9, 1, 8, 30, 0, TimeSpan.Zero));
    protected DatasetEditor _editor = null!;

    public async Task InitializeAsync()
    {
        await _database.LoadAsync(DatasetReader.Read(TestDocuments.Valid().ToJsonString()).Document!);
        _editor = new DatasetEditor(_database.Factory, _time);
    }

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }
}
