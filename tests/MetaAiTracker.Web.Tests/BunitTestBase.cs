using Bunit;
using MetaAiTracker.Core;
using MetaAiTracker.Core.Abstractions;
using MetaAiTracker.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace MetaAiTracker.Web.Tests;

/// <summary>
/// One migrated SQLite database holding the shipped dataset, shared (read-only) by every bUnit test class in the
/// <see cref="WebTestCollection"/>.
/// </summary>
public sealed class ShippedDatasetFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync() => Database = await TestDatabase.WithShippedDatasetAsync();

    public Task DisposeAsync()
    {
        Database.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class WebTestCollection : ICollectionFixture<ShippedDatasetFixture>
{
    public const string Name = "web";
}

/// <summary>
/// A bUnit context with MudBlazor's services, loose JS interop (MudBlazor calls JS that bUnit has no browser for),
/// a fixed clock and the real Core services over the shipped dataset, exactly as the app registers them.
/// </summary>
[Collection(WebTestCollection.Name)]
public abstract class BunitTestBase : BunitContext, IAsyncLifetime
{
    /// <summary>After the data (its last event is of June 2026), so the as-of date is the latest date in the data, as in production.</summary>
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    protected BunitTestBase(ShippedDatasetFixture fixture)
        : this((fixture ?? throw new ArgumentNullException(nameof(fixture))).Database)
    {
    }

    /// <summary>Over another (read-only) database than the shipped dataset's.</summary>
    protected BunitTestBase(TestDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<TimeProvider>(Clock);
        Services.AddSingleton<ITrackerDbContextFactory>(database.Factory);
        Services.AddTrackerServices();

        // Render as the server's prerender does: there is no browser to measure the charts' boxes.
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", isInteractive: false));
    }

    protected FakeTimeProvider Clock { get; } = new(Now);

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services are IAsyncDisposable only; xUnit 2 disposes synchronously unless the class is IAsyncLifetime.
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    protected T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Points the test navigation manager at <paramref name="relativeUri"/> (query included) before rendering a page.</summary>
    protected void NavigateTo(string relativeUri) => Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo(relativeUri);
}
