using Microsoft.Data.Sqlite;

namespace MetaAiTracker.Data.Tests;

/// <summary>Where the database file ends up for each way of configuring <c>ConnectionStrings:Tracker</c>.</summary>
public sealed class ConnectionStringTests
{
    private static readonly string ContentRoot = Path.Combine(Path.GetTempPath(), "content-root");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Without_a_connection_string_the_file_is_data_tracker_db_under_the_content_root(string? configured)
    {
        var resolved = Resolve(configured);

        Assert.Equal(Path.Combine(ContentRoot, "data", "tracker.db"), resolved.DataSource);
        Assert.True(Path.IsPathRooted(resolved.DataSource));
    }

    [Theory]
    [InlineData("Data Source=tracker.db", "tracker.db")]
    [InlineData("Data Source=db/other.db", "db/other.db")]
    [InlineData("Data Source=./data/../data/t.db", "data/t.db")]
    public void A_relative_path_is_made_absolute_under_the_content_root(string configured, string underContentRoot)
    {
        Assert.Equal(Path.GetFullPath(Path.Combine(ContentRoot, underContentRoot)), Resolve(configured).DataSource);
    }

    [Fact]
    public void An_absolute_path_is_kept()
    {
        var file = Path.Combine(Path.GetTempPath(), "elsewhere", "tracker.db");

        Assert.Equal(file, Resolve($"Data Source={file}").DataSource);
    }

    [Fact]
    public void An_in_memory_database_is_kept()
    {
        Assert.Equal(":memory:", Resolve("Data Source=:memory:").DataSource);

        var shared = Resolve("Data Source=tracker;Mode=Memory;Cache=Shared");
        Assert.Equal("tracker", shared.DataSource);
        Assert.Equal(SqliteOpenMode.Memory, shared.Mode);
    }

    [Theory]
    [InlineData("Data Source=:memory:", true)]
    [InlineData("Data Source=tracker;Mode=Memory;Cache=Shared", true)]
    [InlineData("Data Source=file:tracker?mode=memory&cache=shared", true)]
    [InlineData("Data Source=", true)]
    [InlineData("Data Source=/var/lib/metaaitracker/tracker.db", false)]
    [InlineData("Data Source=data/tracker.db;Mode=ReadOnly", false)]
    public void In_memory_databases_get_no_data_version(string connectionString, bool inMemory) =>
        Assert.Equal(inMemory, TrackerDbContext.IsInMemory(connectionString));

    [Fact]
    public void Other_settings_survive()
    {
        var resolved = Resolve("Data Source=tracker.db;Pooling=False;Default Timeout=5");

        Assert.Equal(Path.Combine(ContentRoot, "tracker.db"), resolved.DataSource);
        Assert.False(resolved.Pooling);
        Assert.Equal(5, resolved.DefaultTimeout);
    }

    private static SqliteConnectionStringBuilder Resolve(string? configured) =>
        new(DependencyInjection.ResolveConnectionString(configured, ContentRoot));
}
