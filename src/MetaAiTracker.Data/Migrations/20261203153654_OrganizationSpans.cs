using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MetaAiTracker.Data.Migrations
{
    /// <summary>
    /// When an organisation or unit existed, where the sources say (MSL's units came and went with its reorganisations):
    /// two optional partial dates, columns only.
    /// </summary>
    public partial class OrganizationSpans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ExistedFrom",
                table: "Organizations",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExistedTo",
                table: "Organizations",
                type: "TEXT",
                maxLength: 10,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ExistedFrom",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "ExistedTo",
                table: "Organizations");
        }
    }
}
