using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MetaAiTracker.Data.Migrations
{
    /// <summary>
    /// One full-text row per event (docs/performance.md, docs/decisions/0005-event-text-search.md): the FTS5 table
    /// <c>EventText</c> indexes an event's titles, summaries and, in a fifth column, every quote of its citations (original
    /// and English, one per line), so that a text search is one FTS5 lookup that returns event ids — no second table, no
    /// join to Citations, no UNION. It replaces the EventSearch migration's two tables. It is contentless
    /// (<c>content=''</c>, the text stays only in Events and Citations) with <c>contentless_delete=1</c> (SQLite 3.43+), so
    /// a row is removed by its rowid alone; triggers on Events and Citations re-index the event whenever its text or one
    /// of its quotes changes, for every writer. Raw SQL only: the EF model and its snapshot do not know this table.
    /// </summary>
    [DbContext(typeof(TrackerDbContext))]
    [Migration("20261129143000_EventTextSearch")]
    public partial class EventTextSearch : Migration
    {
        /// <summary>Deletes the event's row and writes it again from Events and Citations (nothing if the event is gone).</summary>
        private static string Reindex(string id) => $"""
            DELETE FROM "EventText" WHERE "rowid" = {id};
                INSERT INTO "EventText"("rowid", "TitleEn", "TitleZh", "SummaryEn", "SummaryZh", "Quotes")
                SELECT "e"."Id", "e"."TitleEn", "e"."TitleZh", "e"."SummaryEn", "e"."SummaryZh",
                       (SELECT group_concat("q", char(10)) FROM (
                            SELECT "c"."Quote" AS "q" FROM "Citations" AS "c" WHERE "c"."EventId" = "e"."Id"
                            UNION ALL
                            SELECT "c"."QuoteEn" FROM "Citations" AS "c" WHERE "c"."EventId" = "e"."Id" AND "c"."QuoteEn" IS NOT NULL))
                FROM "Events" AS "e" WHERE "e"."Id" = {id};
            """;

        private static readonly string[] Triggers =
        [
            "TR_Events_EventText_Insert", "TR_Events_EventText_Update", "TR_Events_EventText_Delete",
            "TR_Citations_EventText_Insert", "TR_Citations_EventText_Update", "TR_Citations_EventText_Delete",
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            EventSearch.Drop(migrationBuilder);

            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "EventText" USING fts5(
                    "TitleEn", "TitleZh", "SummaryEn", "SummaryZh", "Quotes",
                    content='', contentless_delete=1, tokenize='trigram case_sensitive 0');
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "TR_Events_EventText_Insert" AFTER INSERT ON "Events" BEGIN
                    {Reindex("new.\"Id\"")}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "TR_Events_EventText_Update" AFTER UPDATE OF "Id", "TitleEn", "TitleZh", "SummaryEn", "SummaryZh" ON "Events" BEGIN
                    DELETE FROM "EventText" WHERE "rowid" = old."Id";
                    {Reindex("new.\"Id\"")}
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "TR_Events_EventText_Delete" AFTER DELETE ON "Events" BEGIN
                    DELETE FROM "EventText" WHERE "rowid" = old."Id";
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "TR_Citations_EventText_Insert" AFTER INSERT ON "Citations" WHEN new."EventId" IS NOT NULL BEGIN
                    {Reindex("new.\"EventId\"")}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "TR_Citations_EventText_Update" AFTER UPDATE OF "EventId", "Quote", "QuoteEn" ON "Citations" BEGIN
                    {Reindex("old.\"EventId\"")}
                    {Reindex("new.\"EventId\"")}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "TR_Citations_EventText_Delete" AFTER DELETE ON "Citations" WHEN old."EventId" IS NOT NULL BEGIN
                    {Reindex("old.\"EventId\"")}
                END;
                """);

            // Index what is already there (a store migrated with data in it).
            migrationBuilder.Sql("""
                INSERT INTO "EventText"("rowid", "TitleEn", "TitleZh", "SummaryEn", "SummaryZh", "Quotes")
                SELECT "e"."Id", "e"."TitleEn", "e"."TitleZh", "e"."SummaryEn", "e"."SummaryZh",
                       (SELECT group_concat("q", char(10)) FROM (
                            SELECT "c"."Quote" AS "q" FROM "Citations" AS "c" WHERE "c"."EventId" = "e"."Id"
                            UNION ALL
                            SELECT "c"."QuoteEn" FROM "Citations" AS "c" WHERE "c"."EventId" = "e"."Id" AND "c"."QuoteEn" IS NOT NULL))
                FROM "Events" AS "e";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in Triggers)
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"{trigger}\";");
            }

            migrationBuilder.Sql("""DROP TABLE IF EXISTS "EventText";""");
            EventSearch.Create(migrationBuilder);
        }
    }
}
