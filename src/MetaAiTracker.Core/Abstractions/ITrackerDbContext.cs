using MetaAiTracker.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Core.Abstractions;

/// <summary>
/// The store as the services see it. Implemented by the Data project's <c>TrackerDbContext</c>; the services
/// compose LINQ over these sets so that filtering runs in the database, whatever the provider.
/// </summary>
public interface ITrackerDbContext : IDisposable, IAsyncDisposable
{
    DbSet<Theme> Themes { get; }
    DbSet<Source> Sources { get; }
    DbSet<Citation> Citations { get; }
    DbSet<Organization> Organizations { get; }
    DbSet<Person> People { get; }
    DbSet<Tenure> Tenures { get; }
    DbSet<Event> Events { get; }
    DbSet<EventPerson> EventPeople { get; }
    DbSet<EventOrganization> EventOrganizations { get; }
    DbSet<Figure> Figures { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}

/// <summary>Creates one short-lived context per operation (never one shared across a Blazor circuit).</summary>
public interface ITrackerDbContextFactory
{
    Task<ITrackerDbContext> CreateAsync(CancellationToken cancellationToken = default);
}
