using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MetaAiTracker.Data.Migrations
{
    /// <summary>
    /// Merges the FTS5 table <c>EventText</c> into one segment, once, for stores filled before the dataset loader and the
    /// import compacted it themselves (<see cref="TrackerDbContext.CompactTextIndexAsync"/>). A store written event by
    /// event through the triggers keeps its index in many segments, and a search reads every one of them: at 100,000
    /// events a word in a third of them took 21 ms to read from the index as loaded and 7.5 ms from the merged index
    /// (docs/performance.md, round 5). Nothing changes in what the index answers. On an empty or small store it is
    /// instant; at 100,000 events it takes about 6 seconds. Down does nothing: there is nothing to undo.
    /// </summary>
    [DbContext(typeof(TrackerDbContext))]
    [Migration("20261201120000_CompactEventText")]
    public partial class CompactEventText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql(TrackerDbContext.CompactTextIndexSql);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
