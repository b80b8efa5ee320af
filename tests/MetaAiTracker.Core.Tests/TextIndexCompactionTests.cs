using MetaAiTracker.Benchmarks;
using MetaAiTracker.Data.Editing;
using MetaAiTracker.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Core.Tests;

/// <summary>
/// The dataset loader and large imports leave the FTS5 index in one merged segment (a broad search reads a third as
/// much as from the many segments that writing event by event leaves); small imports leave merging to FTS5.
/// </summary>
public sealed class TextIndexCompactionTests
{
    private static async Task<int> SegmentsAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.Database.SqlQuery<int>($"""SELECT count(DISTINCT "segid") AS "Value" FROM "EventText_idx" """).SingleAsync();
    }

    [SqliteFact]
    public async Task A_load_and_a_large_import_merge_the_index_and_a_small_import_does_not()
    {
        var document = SyntheticDataset.Generate(1000, seed: 11);
        using var database = new TestDatabase();
        await database.LoadAsync(document);
        Assert.Equal(1, await SegmentsAsync(database));

        var importer = new DatasetImporter(database.Factory, TimeProvider.System);
        document = document with { Events = document.Events!.Select((e, i) => i < 300 ? e with { TitleEn = e.TitleEn + " (revised)" } : e).ToList() };
        var small = await importer.ApplyAsync(document, deleteMissing: false, "editor@example.org");
        Assert.Equal(300, small.Recorded);
        Assert.True(await SegmentsAsync(database) > 1, "a small import should leave merging to FTS5");

        document = document with { Events = document.Events!.Select(e => e with { TitleZh = e.TitleZh + "（修订）" }).ToList() };
        var large = await importer.ApplyAsync(document, deleteMissing: false, "editor@example.org");
        Assert.Equal(1000, large.Recorded); // every event, nothing else
        Assert.True(large.Recorded >= DatasetImporter.CompactAfterEventChanges);
        Assert.Equal(1, await SegmentsAsync(database));

        // Still the index of every event, and it finds the new text.
        await using var db = database.CreateContext();
        await db.Database.ExecuteSqlRawAsync("""INSERT INTO "EventText"("EventText", "rank") VALUES('integrity-check', 1)""");
        Assert.Equal(1000, await db.EventIdsMatching("（修订）")!.CountAsync());
    }
}
