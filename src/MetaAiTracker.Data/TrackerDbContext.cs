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

    /// <summary>
    /// Shortest text the trigram index can answer: FTS5's trigram tokenizer needs three characters (Unicode code
    /// points) to form a token, and a shorter phrase matches nothing. Shorter texts are left to LIKE.
    /// </summary>
    public const int MinimumIndexedTextLength = 3;

    /// <inheritdoc />
    /// <remarks>
    /// The FTS5 tables "EventSearch" and "CitationSearch" are made by the EventSearch migration (raw SQL, outside the EF
    /// model). The text goes in as one FTS5 string (double quotes, inner quotes doubled), so its characters mean
    /// themselves: no FTS operators, and LIKE's % and _ are plain characters here too. The trigram tokenizer folds case
    /// for all of Unicode, a superset of LIKE's ASCII-only folding, so the index never misses a row LIKE would find.
    /// </remarks>
    public IQueryable<int>? EventIdsMatching(string text)
    {
        if (!Database.IsSqlite() || text.EnumerateRunes().Count() < MinimumIndexedTextLength)
        {
            return null;
        }

        var phrase = "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        return Database.SqlQuery<int>($"""
            SELECT "rowid" AS "Value" FROM "EventSearch" WHERE "EventSearch" MATCH {phrase}
            UNION
            SELECT "c"."EventId" AS "Value" FROM "CitationSearch" JOIN "Citations" AS "c" ON "c"."Id" = "CitationSearch"."rowid"
            WHERE "CitationSearch" MATCH {phrase} AND "c"."EventId" IS NOT NULL
            """);
    }

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        if (optionsBuilder.Options.Extensions.Any(e => e.GetType().Name == "SqliteOptionsExtension"))
        {
            optionsBuilder.AddInterceptors(SqlitePragmas.Instance);
        }
    }

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
