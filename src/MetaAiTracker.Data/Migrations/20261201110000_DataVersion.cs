using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MetaAiTracker.Data.Migrations
{
    /// <summary>
    /// A counter that goes up with every change to the data the timeline and attrition read (docs/decisions/0007): one
    /// row in <c>DataVersion</c>, raised by triggers on every insert, update and delete of events, their theme, person and
    /// organisation links, citations, tenures, themes, people and organisations. Triggers, not application code, so that
    /// every writer — editor, import, seed, a hand-run SQL statement — moves it. The timeline keeps the expensive part of
    /// a search (the matching ids and the facet counts) and attrition its computed report for as long as the counter
    /// has not moved. <c>Store</c> is a random name given to this database when it is made, so that another file at the
    /// same path (a re-created store) never shares a version with it. Raw SQL only: the EF model and its snapshot do not
    /// know this table.
    /// </summary>
    [DbContext(typeof(TrackerDbContext))]
    [Migration("20261201110000_DataVersion")]
    public partial class DataVersion : Migration
    {
        private const string Bump = """UPDATE "DataVersion" SET "Value" = "Value" + 1 WHERE "Id" = 1;""";

        /// <summary>The tables whose every change moves the counter (sources, figures and accounts do not).</summary>
        private static readonly string[] Watched =
            ["Events", "EventThemes", "EventPeople", "EventOrganizations", "Citations", "Tenures", "Themes", "People", "Organizations"];

        private static IEnumerable<(string Name, string Sql)> Triggers() =>
            from table in Watched
            from action in new[] { "INSERT", "UPDATE", "DELETE" }
            let name = $"TR_{table}_DataVersion_{action[0]}{action[1..].ToLowerInvariant()}"
            select (name, $"CREATE TRIGGER \"{name}\" AFTER {action} ON \"{table}\" BEGIN {Bump} END;");

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE "DataVersion" (
                    "Id" INTEGER NOT NULL PRIMARY KEY CHECK ("Id" = 1),
                    "Value" INTEGER NOT NULL,
                    "Store" TEXT NOT NULL);
                INSERT INTO "DataVersion" ("Id", "Value", "Store") VALUES (1, 0, lower(hex(randomblob(16))));
                """);
            foreach (var (_, sql) in Triggers())
            {
                migrationBuilder.Sql(sql);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (name, _) in Triggers())
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"{name}\";");
            }

            migrationBuilder.Sql("""DROP TABLE IF EXISTS "DataVersion";""");
        }
    }
}
