using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MetaAiTracker.Data.Migrations
{
    /// <summary>
    /// Full-text search for the timeline (docs/performance.md): two FTS5 tables with the <c>trigram</c> tokenizer, so
    /// that any substring of three or more characters — English in any case, or Chinese, which has no spaces between
    /// words — is found through an index instead of a LIKE scan of every row. They are external-content tables (the
    /// text stays only in Events and Citations) kept in step by triggers, so every writer (loader, editing, tests) keeps
    /// them right without knowing they exist. Raw SQL only: the EF model (and its snapshot) does not know these tables.
    /// </summary>
    public partial class EventSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => Create(migrationBuilder);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => Drop(migrationBuilder);

        /// <summary>The tables, triggers and initial index (also the EventTextSearch migration's Down).</summary>
        internal static void Create(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "EventSearch" USING fts5(
                    "TitleEn", "TitleZh", "SummaryEn", "SummaryZh",
                    content='Events', content_rowid='Id', tokenize='trigram case_sensitive 0');
                """);
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "CitationSearch" USING fts5(
                    "Quote", "QuoteEn",
                    content='Citations', content_rowid='Id', tokenize='trigram case_sensitive 0');
                """);

            migrationBuilder.Sql("""
                CREATE TRIGGER "TR_Events_EventSearch_Insert" AFTER INSERT ON "Events" BEGIN
                    INSERT INTO "EventSearch"(rowid, "TitleEn", "TitleZh", "SummaryEn", "SummaryZh")
                    VALUES (new."Id", new."TitleEn", new."TitleZh", new."SummaryEn", new."SummaryZh");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "TR_Events_EventSearch_Delete" AFTER DELETE ON "Events" BEGIN
                    INSERT INTO "EventSearch"("EventSearch", rowid, "TitleEn", "TitleZh", "SummaryEn", "SummaryZh")
                    VALUES ('delete', old."Id", old."TitleEn", old."TitleZh", old."SummaryEn", old."SummaryZh");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "TR_Events_EventSearch_Update" AFTER UPDATE OF "TitleEn", "TitleZh", "SummaryEn", "SummaryZh" ON "Events" BEGIN
                    INSERT INTO "EventSearch"("EventSearch", rowid, "TitleEn", "TitleZh", "SummaryEn", "SummaryZh")
                    VALUES ('delete', old."Id", old."TitleEn", old."TitleZh", old."SummaryEn", old."SummaryZh");
                    INSERT INTO "EventSearch"(rowid, "TitleEn", "TitleZh", "SummaryEn", "SummaryZh")
                    VALUES (new."Id", new."TitleEn", new."TitleZh", new."SummaryEn", new."SummaryZh");
                END;
                """);

            migrationBuilder.Sql("""
                CREATE TRIGGER "TR_Citations_CitationSearch_Insert" AFTER INSERT ON "Citations" BEGIN
                    INSERT INTO "CitationSearch"(rowid, "Quote", "QuoteEn") VALUES (new."Id", new."Quote", new."QuoteEn");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "TR_Citations_CitationSearch_Delete" AFTER DELETE ON "Citations" BEGIN
                    INSERT INTO "CitationSearch"("CitationSearch", rowid, "Quote", "QuoteEn") VALUES ('delete', old."Id", old."Quote", old."QuoteEn");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "TR_Citations_CitationSearch_Update" AFTER UPDATE OF "Quote", "QuoteEn" ON "Citations" BEGIN
                    INSERT INTO "CitationSearch"("CitationSearch", rowid, "Quote", "QuoteEn") VALUES ('delete', old."Id", old."Quote", old."QuoteEn");
                    INSERT INTO "CitationSearch"(rowid, "Quote", "QuoteEn") VALUES (new."Id", new."Quote", new."QuoteEn");
                END;
                """);

            // Index what is already there (a store migrated from InitialCreate with data in it).
            migrationBuilder.Sql("""INSERT INTO "EventSearch"("EventSearch") VALUES ('rebuild');""");
            migrationBuilder.Sql("""INSERT INTO "CitationSearch"("CitationSearch") VALUES ('rebuild');""");
        }

        /// <summary>Drops the tables and triggers (also the EventTextSearch migration's Up, which replaces them).</summary>
        internal static void Drop(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in new[]
                     {
                         "TR_Events_EventSearch_Insert", "TR_Events_EventSearch_Delete", "TR_Events_EventSearch_Update",
                         "TR_Citations_CitationSearch_Insert", "TR_Citations_CitationSearch_Delete", "TR_Citations_CitationSearch_Update",
                     })
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"{trigger}\";");
            }

            migrationBuilder.Sql("""DROP TABLE IF EXISTS "EventSearch";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "CitationSearch";""");
        }
    }
}
