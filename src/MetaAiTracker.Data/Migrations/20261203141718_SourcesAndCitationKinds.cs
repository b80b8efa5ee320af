using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MetaAiTracker.Data.Migrations
{
    /// <summary>
    /// Provenance (docs/decisions/0009): sources get a kind, the site a copy was read on, the date it was read, a
    /// reliability note and an archived text (SourceParagraphs); citations become quotes or reports. A store made before
    /// this keeps its data, but no text of it is archived yet, so nothing can check its words against a text: every
    /// citation becomes a report (its old free-text locator is dropped) and the primary source an article. Importing
    /// the shipped dataset afterwards archives the article and makes its citations quotes again (docs/deployment.md).
    /// </summary>
    public partial class SourcesAndCitationKinds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "Sources",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "NewsReport");

            migrationBuilder.AddColumn<string>(
                name: "Note",
                table: "Sources",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Read",
                table: "Sources",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Via",
                table: "Sources",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "Citations",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Report");

            migrationBuilder.CreateTable(
                name: "SourceParagraphs",
                columns: table => new
                {
                    SourceId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SourceParagraphs", x => new { x.SourceId, x.Number });
                    table.ForeignKey(
                        name: "FK_SourceParagraphs_Sources_SourceId",
                        column: x => x.SourceId,
                        principalTable: "Sources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.Sql("""UPDATE "Sources" SET "Kind" = 'Article' WHERE "IsPrimary" = 1;""");
            migrationBuilder.Sql("""UPDATE "Citations" SET "Kind" = 'Report', "Locator" = NULL;""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SourceParagraphs");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "Note",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "Read",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "Via",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Citations");
        }
    }
}
