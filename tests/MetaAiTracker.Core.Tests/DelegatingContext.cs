using MetaAiTracker.Core.Abstractions;
using MetaAiTracker.Core.Domain;
using MetaAiTracker.Data;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Core.Tests;

/// <summary>
/// The real store's sets behind <see cref="ITrackerDbContext"/>, and nothing else: the store's own indexes, version and
/// column reads fall back to the interface's defaults unless a subclass (re-implementing the interface) passes them on.
/// </summary>
internal abstract class DelegatingContext(TrackerDbContext inner) : ITrackerDbContext
{
    protected TrackerDbContext Inner => inner;

    public DbSet<Theme> Themes => inner.Themes;
    public DbSet<Source> Sources => inner.Sources;
    public DbSet<Citation> Citations => inner.Citations;
    public DbSet<Organization> Organizations => inner.Organizations;
    public DbSet<Person> People => inner.People;
    public DbSet<Tenure> Tenures => inner.Tenures;
    public DbSet<Event> Events => inner.Events;
    public DbSet<EventPerson> EventPeople => inner.EventPeople;
    public DbSet<EventOrganization> EventOrganizations => inner.EventOrganizations;
    public DbSet<Figure> Figures => inner.Figures;
    public DbSet<ChangeRecord> ChangeRecords => inner.ChangeRecords;

    public Task<int> SaveChangesAsync(CancellationToken cancellationToken = default) => inner.SaveChangesAsync(cancellationToken);

    public void Dispose() => inner.Dispose();

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
