using System.ComponentModel.DataAnnotations;
using MetaAiTracker.Core.Abstractions;
using MetaAiTracker.Data.Editing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace MetaAiTracker.Data;

public static class DependencyInjection
{
    public const string ConnectionStringName = "Tracker";

    /// <summary>
    /// Registers the store: a <see cref="TrackerDbContext"/> factory (one short-lived context per operation), the
    /// <see cref="ITrackerDbContextFactory"/> the services use, the start-up initializer and a health check.
    /// <c>Tracker:Database:Provider</c> picks SQLite (the default) or PostgreSQL. The connection string is
    /// <c>ConnectionStrings:Tracker</c> (environment: <c>ConnectionStrings__Tracker</c>); on SQLite, without one the
    /// database is <c>data/tracker.db</c> under the content root; PostgreSQL needs one.
    /// </summary>
    public static IServiceCollection AddTrackerData(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var provider = ReadProvider(configuration);
        var configured = configuration.GetConnectionString(ConnectionStringName);
        var connectionString = provider == DatabaseProvider.Sqlite
            ? ResolveConnectionString(configured, environment.ContentRootPath)
            : !string.IsNullOrWhiteSpace(configured)
                ? configured
                : throw new InvalidOperationException("Tracker:Database:Provider is Postgres but ConnectionStrings:Tracker is not set (for example \"Host=db;Database=tracker;Username=tracker;Password=…\").");
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        services.AddDbContextFactory<TrackerDbContext>(options => options.Use(provider, connectionString));
        services.AddSingleton<ITrackerDbContextFactory, TrackerDbContextFactoryAdapter>();
        services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TrackerStoreInitializer>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DatasetEditor>();
        services.AddSingleton<DatasetImporter>();
        // Tagged with the provider, so /health names the database it checked (see WebSetup's health response).
        services.AddHealthChecks().AddDbContextCheck<TrackerDbContext>("database", tags: [provider.ToString()]);
        return services;
    }

    /// <summary>Reads <c>Tracker:Database:Provider</c>; an unknown name is a start-up error that lists the known ones.</summary>
    public static DatabaseProvider ReadProvider(IConfiguration configuration)
    {
        var configured = configuration[DatabaseOptions.Section + ":" + nameof(DatabaseOptions.Provider)];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return DatabaseProvider.Sqlite;
        }

        return Enum.TryParse<DatabaseProvider>(configured.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new InvalidOperationException($"Tracker:Database:Provider '{configured}' is not one of: {string.Join(", ", Enum.GetNames<DatabaseProvider>())}.");
    }

    /// <summary>Fills in the default database file and makes a relative file path relative to the content root.</summary>
    public static string ResolveConnectionString(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? "Data Source=data/tracker.db" : configured);
        var file = builder.DataSource;
        if (!string.IsNullOrEmpty(file) && file != ":memory:" && !file.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            && builder.Mode != SqliteOpenMode.Memory && !Path.IsPathRooted(file))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, file));
        }

        return builder.ToString();
    }

    private sealed class TrackerDbContextFactoryAdapter(IDbContextFactory<TrackerDbContext> inner) : ITrackerDbContextFactory
    {
        public async Task<ITrackerDbContext> CreateAsync(CancellationToken cancellationToken = default) =>
            await inner.CreateDbContextAsync(cancellationToken);
    }
}

/// <summary>Whether and what to seed on start (<c>Tracker:Seed</c>).</summary>
public sealed class SeedOptions
{
    public const string Section = "Tracker:Seed";

    /// <summary>Load the shipped dataset into an empty store on start.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Optional path of a dataset document to seed instead of the shipped one.</summary>
    [MinLength(1)]
    public string? DatasetPath { get; set; }
}
