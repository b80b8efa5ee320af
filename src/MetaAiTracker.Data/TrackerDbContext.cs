using MetaAiTracker.Core.Abstractions;
using MetaAiTracker.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Data;

public sealed class TrackerDbContext(DbContextOptions<TrackerDbContext> options) : DbContext(options), ITrackerDbContext
{
    public DbSet<Theme> Themes => Set<Theme>();
    public DbSet<Source> Sources => Set<Source>();
    public DbSet<Citation> Citations => Set<Citation>();
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Tenure> Tenures => Set<Tenure>();
    public DbSet<Event> Events => Set<Event>();
    public DbSet<EventPerson> EventPeople => Set<EventPerson>();
    public DbSet<EventOrganization> EventOrganizations => Set<EventOrganization>();
    public DbSet<Figure> Figures => Set<Figure>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<PartialDate>().HaveConversion<PartialDateConverter>().HaveMaxLength(10);
        configurationBuilder.Properties<ClaimStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<PersonKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<OrganizationKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<FigureUnit>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<FigureScale>().HaveConversion<string>().HaveMaxLength(16);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TrackerDbContext).Assembly);
}
