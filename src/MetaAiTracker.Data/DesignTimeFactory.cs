using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MetaAiTracker.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the SQLite model without starting the web host. The PostgreSQL
/// migrations have their own factory in MetaAiTracker.Data.Postgres (docs/decisions/0005).
/// </summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<TrackerDbContext>
{
    public TrackerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<TrackerDbContext>().Use(DatabaseProvider.Sqlite, "Data Source=design-time.db").Options);
}
