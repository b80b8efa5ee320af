using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MetaAiTracker.Data.Postgres.Migrations
{
    /// <summary>
    /// PostgreSQL's counterpart of the SQLite EventSearch migration (FTS5): the pg_trgm extension and one trigram GIN
    /// index on each text the timeline searches (event titles and summaries in English and Chinese, citation quotes),
    /// so that <c>ILIKE '%text%'</c> in <c>TrackerDbContext.EventIdsMatching</c> reads indexes instead of every row.
    /// The indexes follow the tables by themselves (no triggers needed). Raw SQL: the EF model does not know them, as
    /// it does not know the FTS5 tables. pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
    /// </summary>
    public partial class TextSearch : Migration
    {
        private static readonly (string Table, string Column)[] Indexed =
        [
            ("Events", "TitleEn"), ("Events", "TitleZh"), ("Events", "SummaryEn"), ("Events", "SummaryZh"),
            ("Citations", "Quote"), ("Citations", "QuoteEn"),
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            foreach (var (table, column) in Indexed)
            {
                migrationBuilder.Sql($"CREATE INDEX \"IX_{table}_{column}_Trigram\" ON \"{table}\" USING gin (\"{column}\" gin_trgm_ops);");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, column) in Indexed)
            {
                migrationBuilder.Sql($"DROP INDEX IF EXISTS \"IX_{table}_{column}_Trigram\";");
            }
        }
    }
}
