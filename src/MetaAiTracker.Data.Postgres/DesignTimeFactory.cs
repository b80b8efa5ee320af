using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MetaAiTracker.Data.Postgres;

/// <summary>
/// Lets <c>dotnet ef migrations add Name --project src/MetaAiTracker.Data.Postgres</c> build the PostgreSQL model of
/// <see cref="TrackerDbContext"/> (no server is contacted to add a migration).
/// </summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<TrackerDbContext>
{
    public TrackerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<TrackerDbContext>().Use(DatabaseProvider.Postgres, "Host=localhost;Database=tracker_design_time").Options);
}
