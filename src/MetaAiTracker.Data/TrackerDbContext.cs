using System.Globalization;
using System.Text;
using MetaAiTracker.Core.Abstractions;
using MetaAiTracker.Core.Domain;
using MetaAiTracker.Core.Services;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace MetaAiTracker.Data;

/// <summary>
/// The one store: the dataset, the change history and the editors' sign-in accounts (ASP.NET Core Identity tables),
/// and the ASP.NET Core Data Protection keys that sign their cookies, all in the same database (a SQLite file, or a
/// PostgreSQL database shared by several instances: docs/deployment.md).
/// </summary>
public sealed class TrackerDbContext(DbContextOptions<TrackerDbContext> options) : IdentityDbContext<IdentityUser>(options), ITrackerDbContext, IDataProtectionKeyContext
{
    public DbSet<Theme> Themes => Set<Theme>();
    public DbSet<Source> Sources => Set<Source>();
    public DbSet<SourceParagraph> SourceParagraphs => Set<SourceParagraph>();
    public DbSet<Citation> Citations => Set<Citation>();
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Tenure> Tenures => Set<Tenure>();
    public DbSet<Event> Events => Set<Event>();
    public DbSet<EventPerson> EventPeople => Set<EventPerson>();
    public DbSet<EventOrganization> EventOrganizations => Set<EventOrganization>();
    public DbSet<Figure> Figures => Set<Figure>();
    public DbSet<ChangeRecord> ChangeRecords => Set<ChangeRecord>();

    /// <summary>The Data Protection key ring, shared by every instance on the same database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// A modified versioned entity is saved as version n + 1, on the condition that the row still holds n (the
    /// original value is the concurrency token). A caller that set the version itself (an editor naming the version
    /// its form started from) is left alone.
    /// </summary>
    private void BumpVersions()
    {
        ChangeTracker.DetectChanges();
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State != EntityState.Modified)
            {
                continue;
            }

            PropertyEntry<IVersioned, int> version = entry.Property(e => e.Version);
            if (!version.IsModified)
            {
                version.CurrentValue = version.OriginalValue + 1;
            }
        }
    }

    /// <summary>
    /// Shortest text the trigram indexes can answer: a trigram needs three characters (Unicode code points), so FTS5's
    /// trigram tokenizer matches nothing shorter and pg_trgm can only scan its whole index for it. Shorter texts are
    /// left to LIKE.
    /// </summary>
    public const int MinimumIndexedTextLength = 3;

    /// <summary>FTS5's "optimize": merges every segment of the EventText index into one (see <see cref="CompactTextIndexAsync"/>).</summary>
    public const string CompactTextIndexSql = """INSERT INTO "EventText"("EventText") VALUES('optimize');""";

    /// <summary>
    /// SQLite: merges the full-text index into one segment; other providers: nothing. Written event by event (the
    /// triggers), FTS5 keeps the index in many segments and a search reads each of them, so a broad word costs about three
    /// times as much as from one merged segment (21 ms against 7.5 ms at 100,000 events). The dataset loader and large
    /// imports call it after their transaction; small edits need nothing (FTS5 merges small segments as it goes). It
    /// rewrites the whole index: about 6 seconds at 100,000 events, not cancelled half-way. Best effort: the data is
    /// committed before, so a failure here is logged and reported as false, never thrown (searches stay correct, only
    /// slower, and the next large import or load merges again).
    /// </summary>
    public async Task<bool> CompactTextIndexAsync()
    {
        if (!Database.IsSqlite())
        {
            return false;
        }

        try
        {
            await Database.ExecuteSqlRawAsync(CompactTextIndexSql, CancellationToken.None);
            return true;
        }
        catch (System.Data.Common.DbException exception)
        {
            this.GetService<ILoggerFactory>().CreateLogger<TrackerDbContext>()
                .LogWarning(exception, "Merging the full-text index failed; searches stay correct and merge again after the next large import");
            return false;
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// SQLite: the FTS5 table "EventText" is made by the EventTextSearch migration (raw SQL, outside the EF model): one
    /// row per event with its titles, summaries and citation quotes, so the lookup returns event ids directly. The text
    /// goes in as one FTS5 string (double quotes, inner quotes doubled), so its characters mean themselves: no FTS
    /// operators, and LIKE's % and _ are plain characters here too. The trigram tokenizer folds case for all of Unicode,
    /// a superset of LIKE's ASCII-only folding, so the index never misses a row LIKE would find.
    /// PostgreSQL: ILIKE over the six text columns, each with a pg_trgm GIN index (the PostgreSQL migration
    /// TextSearch, raw SQL as well). ILIKE folds case at least for ASCII, so again never fewer rows than the
    /// caller's exact LIKE (which <see cref="Postgres.AsciiCaseInsensitiveLikeTranslator"/> makes SQLite's rule).
    /// </remarks>
    public IQueryable<int>? EventIdsMatching(string text)
    {
        if (text.EnumerateRunes().Count() < MinimumIndexedTextLength)
        {
            return null;
        }

        if (Database.IsNpgsql())
        {
            var pattern = LikePattern.Containing(text);
            return Database.SqlQuery<int>($"""
                SELECT "Id" AS "Value" FROM "Events"
                WHERE "TitleEn" ILIKE {pattern} OR "TitleZh" ILIKE {pattern} OR "SummaryEn" ILIKE {pattern} OR "SummaryZh" ILIKE {pattern}
                UNION
                SELECT "EventId" AS "Value" FROM "Citations"
                WHERE ("Quote" ILIKE {pattern} OR "QuoteEn" ILIKE {pattern}) AND "EventId" IS NOT NULL
                """);
        }

        if (!Database.IsSqlite())
        {
            return null;
        }

        var phrase = Phrase(text);
        return Database.SqlQuery<int>($"""SELECT "rowid" AS "Value" FROM "EventText" WHERE "EventText" MATCH {phrase}""");
    }

    /// <inheritdoc />
    /// <remarks>
    /// SQLite: FTS5's ids as one group_concat value. A word in a third of 100,000 events is 31,000 ids: read as rows
    /// through EF they cost 18 ms and 6 MB, as one value about 7 ms (docs/performance.md, round 5).
    /// </remarks>
    public async Task<List<int>?> EventIdListContainingAsync(string text, CancellationToken cancellationToken = default)
    {
        if (EventIdsContaining(text) is null)
        {
            return null; // SQLite only, caseless texts of three or more characters only
        }

        var phrase = Phrase(text);
        var joined = await Database.SqlQuery<string>(
                $"""SELECT group_concat("rowid") AS "Value" FROM "EventText" WHERE "EventText" MATCH {phrase}""")
            .SingleAsync(cancellationToken);
        return ParseIds(joined);
    }

    /// <inheritdoc />
    /// <remarks>
    /// SQLite: four statements in one read transaction (one consistent state of the store), each answered from an
    /// index that holds what it reads, and read by plain ADO.NET: the themes, the ids in timeline order as rows (the order is the
    /// statement's ORDER BY, which group_concat would not guarantee), the ids per status and per theme as one
    /// group_concat value each. The whole projection build costs 61–74 ms at 100,000 events this way; reading the same
    /// through EF's row materialization it cost 346 ms and 71 MB (docs/performance.md, round 5). Other providers: the
    /// LINQ default.
    /// </remarks>
    public async Task<TimelineColumns> ReadTimelineColumnsAsync(CancellationToken cancellationToken = default)
    {
        if (!Database.IsSqlite())
        {
            return await TimelineColumns.ReadByLinqAsync(this, cancellationToken);
        }

        await Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (Microsoft.Data.Sqlite.SqliteConnection)Database.GetDbConnection();
            // Inside the caller's transaction if there is one (a command must name it), else in a read transaction of its own.
            var ambient = (Microsoft.Data.Sqlite.SqliteTransaction?)Database.CurrentTransaction?.GetDbTransaction();
            using var own = ambient is null ? connection.BeginTransaction(deferred: true) : null;
            var transaction = ambient ?? own;

            var themes = new List<TimelineProjection.ThemeColumn>();
            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = """SELECT "Id", "Slug", "NameEn" FROM "Themes" ORDER BY "Id" """;
                using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (reader.Read())
                {
                    themes.Add(new TimelineProjection.ThemeColumn(reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
                }
            }

            var ordered = new List<int>();
            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = """SELECT "Id" FROM "Events" ORDER BY "DateStart", "DateEnd", "Id" """;
                using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (reader.Read())
                {
                    ordered.Add(reader.GetInt32(0));
                }
            }

            var byStatus = new List<(ClaimStatus, List<int>)>();
            foreach (var (key, ids) in await GroupsAsync(connection, transaction,
                         """SELECT "Status", group_concat("Id") FROM "Events" GROUP BY "Status" """, cancellationToken))
            {
                byStatus.Add((Enum.Parse<ClaimStatus>(key), ids));
            }

            var byTheme = new List<(int, List<int>)>();
            foreach (var (key, ids) in await GroupsAsync(connection, transaction,
                         """SELECT "ThemeId", group_concat("EventId") FROM "EventThemes" GROUP BY "ThemeId" """, cancellationToken))
            {
                byTheme.Add((int.Parse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), ids));
            }

            own?.Commit();
            return new TimelineColumns(themes, ordered.ToArray(), byStatus, byTheme);
        }
        finally
        {
            await Database.CloseConnectionAsync();
        }
    }

    /// <summary>Rows of a key and a group_concat of ids.</summary>
    private static async Task<List<(string Key, List<int> Ids)>> GroupsAsync(
        Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        var groups = new List<(string, List<int>)>();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (reader.Read())
        {
            groups.Add((reader.GetString(0), ParseIds(reader.IsDBNull(1) ? null : reader.GetString(1))));
        }

        return groups;
    }

    /// <summary>Comma-separated integers (group_concat's output; null when nothing matched) as a list.</summary>
    public static List<int> ParseIds(string? joined)
    {
        var ids = new List<int>();
        if (string.IsNullOrEmpty(joined))
        {
            return ids;
        }

        var span = joined.AsSpan();
        foreach (var range in span.Split(','))
        {
            ids.Add(int.Parse(span[range], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)); // a hand-written row may have a negative id
        }

        return ids;
    }

    /// <summary>The text as one FTS5 string: double quotes around it, inner quotes doubled, so no character is an operator.</summary>
    private static string Phrase(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <inheritdoc />
    /// <remarks>
    /// The trigram index is exact, not just a superset, when no character of the text has a case: FTS5 then matches
    /// the same substrings LIKE matches (LIKE folds ASCII letters only, FTS5 all of Unicode, and a caseless character
    /// folds to itself and is the fold of nothing else). So Chinese, digits, punctuation and spaces are answered by the
    /// index alone; any letter with a case (even ASCII) keeps the LIKE check. Control characters are excluded too: the
    /// quotes are indexed one per line in a single column, and only a text with a line break could match across two.
    /// </remarks>
    /// SQLite only: PostgreSQL's candidates keep the caller's LIKE check.
    public IQueryable<int>? EventIdsContaining(string text) =>
        Database.IsSqlite() && IsCaseless(text) ? EventIdsMatching(text) : null;

    /// <inheritdoc />
    /// <remarks>
    /// SQLite: the counter the DataVersion migration's triggers raise on every change to what the timeline and
    /// attrition read, with the database file's name. PostgreSQL: null (several instances share the database; nothing is kept between requests).
    /// </remarks>
    public async Task<string?> DataVersionAsync(CancellationToken cancellationToken = default)
    {
        if (!Database.IsSqlite() || IsInMemory(Database.GetConnectionString()))
        {
            return null; // not SQLite, or a database that lives only as long as its connections (in memory)
        }

        var version = await Database.SqlQuery<string>(
                $"""SELECT "Store" || char(10) || "Value" AS "Value" FROM "DataVersion" WHERE "Id" = 1""")
            .SingleAsync(cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"{Database.GetDbConnection().DataSource}\n{version}");
    }

    /// <summary>An in-memory SQLite database (":memory:", Mode=Memory, a "file:…?mode=memory" URI): no version is kept for it.</summary>
    public static bool IsInMemory(string? connectionString)
    {
        if (string.IsNullOrEmpty(connectionString))
        {
            return true;
        }

        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        var source = builder.DataSource;
        return builder.Mode == Microsoft.Data.Sqlite.SqliteOpenMode.Memory
               || string.IsNullOrEmpty(source)
               || source.Contains(":memory:", StringComparison.OrdinalIgnoreCase)
               || source.Contains("mode=memory", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True when no character of <paramref name="text"/> has a case or is a control character.</summary>
    public static bool IsCaseless(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            // Any upper-, lower- or title-case letter (ß has no one-letter upper case in .NET, but FTS5 folds ẞ to it),
            // and anything else with a case mapping (Roman numerals, circled letters).
            if (Rune.IsControl(rune)
                || Rune.GetUnicodeCategory(rune) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                || Rune.ToLowerInvariant(rune) != rune || Rune.ToUpperInvariant(rune) != rune)
            {
                return false;
            }
        }

        return true;
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
        configurationBuilder.Properties<ChangeAction>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<SourceKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<CitationKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<QuoteLocator>().HaveConversion<QuoteLocatorConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // The Identity tables (AspNetUsers, AspNetRoles, …) first, then the tracker's own.
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TrackerDbContext).Assembly);
    }
}
