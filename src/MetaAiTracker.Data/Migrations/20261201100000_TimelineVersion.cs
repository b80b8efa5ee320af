using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MetaAiTracker.Data.Migrations
{
    /// <summary>
    /// A counter that goes up with every change to anything a timeline query reads (docs/decisions/0007): one row in
    /// <c>TimelineVersion</c>, raised by triggers on Events, their theme, person and organisation links and citations,
    /// and on the slugs of themes, people and organisations. Triggers, not application code, so that every writer —
    /// editor, import, seed, a hand-run SQL statement — moves it. The timeline keeps the expensive part of a search
    /// (the ids of the matching events and the facet counts) for as long as the counter has not moved. Raw SQL only:
    /// the EF model and its snapshot do not know this table.
    /// </summary>
    [DbContext(typeof(TrackerDbContext))]
    [Migration("20261201100000_TimelineVersion")]
    public partial class TimelineVersion : Migration
    {
        private const string Bump = """UPDATE "TimelineVersion" SET "Value" = "Value" + 1 WHERE "Id" = 1;""";

        /// <summary>Table, and which of its changes move the counter (an UPDATE of the named columns only, where given).</summary>
        private static readonly (string Table, string[] Actions, string UpdateOf)[] Watched =
        [
            ("Events", ["INSERT", "UPDATE", "DELETE"], null),
            ("EventThemes", ["INSERT", "UPDATE", "DELETE"], null),
            ("EventPeople", ["INSERT", "UPDATE", "DELETE"], null),
            ("EventOrganizations", ["INSERT", "UPDATE", "DELETE"], null),
            ("Citations", ["INSERT", "UPDATE", "DELETE"], null),
            ("Themes", ["UPDATE", "DELETE"], "\"Slug\""),
            ("People", ["UPDATE", "DELETE"], "\"Slug\""),
            ("Organizations", ["UPDATE", "DELETE"], "\"Slug\""),
        ];

        private static IEnumerable<(string Name, string Sql)> Triggers() =>
            from w in Watched
            from action in w.Actions
            let name = $"TR_{w.Table}_TimelineVersion_{action[0]}{action[1..].ToLowerInvariant()}"
            let when = action == "UPDATE" && w.UpdateOf is not null ? $"UPDATE OF {w.UpdateOf}" : action
            select (name, $"CREATE TRIGGER \"{name}\" AFTER {when} ON \"{w.Table}\" BEGIN {Bump} END;");

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE "TimelineVersion" ("Id" INTEGER NOT NULL PRIMARY KEY CHECK ("Id" = 1), "Value" INTEGER NOT NULL);
                INSERT INTO "TimelineVersion" ("Id", "Value") VALUES (1, 0);
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

            migrationBuilder.Sql("""DROP TABLE IF EXISTS "TimelineVersion";""");
        }
    }
}
