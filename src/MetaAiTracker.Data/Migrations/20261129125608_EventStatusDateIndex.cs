using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MetaAiTracker.Data.Migrations
{
    /// <inheritdoc />
    public partial class EventStatusDateIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Events_Status",
                table: "Events");

            migrationBuilder.CreateIndex(
                name: "IX_Events_Status_DateStart_DateEnd",
                table: "Events",
                columns: new[] { "Status", "DateStart", "DateEnd" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Events_Status_DateStart_DateEnd",
                table: "Events");

            migrationBuilder.CreateIndex(
                name: "IX_Events_Status",
                table: "Events",
                column: "Status");
        }
    }
}
