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
    /// Registers the SQLite store: a <see cref="TrackerDbContext"/> factory (one short-lived context per operation),
    /// the <see cref="ITrackerDbContextFactory"/> the services use, the start-up initializer and a health check.
    /// The connection string is <c>ConnectionStrings:Tracker</c> (environment: <c>ConnectionStrings__Tracker</c>);
    /// without one the database is <c>data/tracker.db</c> under the content root.
    /// </summary>
    public static IServiceCollection AddTrackerData(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var connectionString = ResolveConnectionString(configuration.GetConnectionString(ConnectionStringName), environment.ContentRootPath);
        services.AddDbContextFactory<TrackerDbContext>(options => options.UseSqlite(connectionString));
        services.AddSingleton<ITrackerDbContextFactory, TrackerDbContextFactoryAdapter>();
        services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TrackerStoreInitializer>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DatasetEditor>();
        services.AddSingleton<DatasetImporter>();
        services.AddHealthChecks().AddDbContextCheck<TrackerDbContext>("database");
        return services;
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
