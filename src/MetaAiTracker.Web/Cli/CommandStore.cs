using MetaAiTracker.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MetaAiTracker.Web.Cli;

/// <summary>
/// The store as the site would open it: the same configuration sources (appsettings, appsettings.{environment},
/// environment variables), the same <c>AddTrackerData</c>, no web server and no logging to the console (a command
/// speaks for itself).
/// </summary>
internal sealed class CommandStore : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private CommandStore(ServiceProvider services, DatabaseProvider provider, string connectionString)
    {
        _services = services;
        Provider = provider;
        ConnectionString = connectionString;
        Contexts = services.GetRequiredService<IDbContextFactory<TrackerDbContext>>();
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public IDbContextFactory<TrackerDbContext> Contexts { get; }

    /// <summary>The SQLite file, or the PostgreSQL database as host/name (never the password).</summary>
    public string DataSource => Provider == DatabaseProvider.Sqlite
        ? new SqliteConnectionStringBuilder(ConnectionString).DataSource
        : new NpgsqlConnectionStringBuilder(ConnectionString) is var pg ? $"{pg.Host}/{pg.Database}" : "";

    public static CommandStore Open()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        try
        {
            builder.Services.AddTrackerData(builder.Configuration, builder.Environment);
        }
        catch (InvalidOperationException ex)
        {
            throw new CommandException(ex.Message); // a bad provider, a PostgreSQL store without a connection string
        }

        var services = builder.Services.BuildServiceProvider();
        using var probe = services.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContext();
        return new CommandStore(services, TrackerDatabase.ProviderOf(probe), probe.Database.GetConnectionString()!);
    }

    /// <summary>Opens a store that exists and holds the tracker's tables; anything else is one line saying what to do.</summary>
    public static async Task<CommandStore> OpenExistingAsync(CancellationToken cancellationToken)
    {
        var store = Open();
        try
        {
            await store.EnsureExistsAsync(cancellationToken);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>Refuses, in one line, a store that does not exist or holds no tracker tables.</summary>
    public async Task EnsureExistsAsync(CancellationToken cancellationToken)
    {
        if (Provider == DatabaseProvider.Sqlite && !File.Exists(DataSource))
        {
            throw new CommandException($"no database at {DataSource}: start the site once, or run 'db migrate' (or set ConnectionStrings__Tracker)");
        }

        await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
        IEnumerable<string> applied;
        try
        {
            applied = await db.Database.GetAppliedMigrationsAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is SqliteException or NpgsqlException or InvalidOperationException)
        {
            throw new CommandException($"cannot open the {Provider} database {DataSource}: {TrackerCommands.FirstLine(ex)}");
        }

        if (!applied.Any())
        {
            throw new CommandException($"{DataSource} holds no tracker tables: run 'db migrate' first");
        }
    }

    /// <summary>The pg_dump line for the configured database; the password stays in PGPASSWORD or ~/.pgpass.</summary>
    public string PgDumpCommand(string file)
    {
        var pg = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"pg_dump --format=custom --file='{file}' --host={pg.Host} --port={pg.Port} --username={pg.Username} {pg.Database}";
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
