using System.Text.Json.Nodes;
using MetaAiTracker.Core.Domain;
using MetaAiTracker.Data.Dataset;
using MetaAiTracker.Data.Editing;
using MetaAiTracker.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Data.Tests;

/// <summary>The merge-by-slug importer: preview, add/change/leave alone, optional deletes, one transaction, history.</summary>
public sealed class ImporterTests
{
    private const string Editor = "editor@example.org";

    [Fact]
    public async Task Export_then_import_into_an_empty_store_then_export_gives_an_identical_document()
    {
        using var first = await TestDatabase.WithShippedDatasetAsync();
        var exported = await ExportJsonAsync(first);

        using var second = new TestDatabase();
        var importer = new DatasetImporter(second.Factory, TimeProvider.System);
        var result = await importer.ApplyAsync(DatasetReader.Read(exported).Document!, deleteMissing: false, Editor);

        Assert.Equal(0, result.Plan.Changed + result.Plan.Unchanged + result.Plan.Missing);
        Assert.Equal(await ExportJsonAsync(second), exported);
    }

    [Fact]
    public async Task Importing_the_stores_own_export_changes_nothing()
    {
        using var database = await TestDatabase.WithShippedDatasetAsync();
        var importer = new DatasetImporter(database.Factory, TimeProvider.System);
        var document = DatasetReader.Read(await ExportJsonAsync(database)).Document!;

        var plan = await importer.PlanAsync(document);

        Assert.Equal((0, 0, 0), (plan.Added, plan.Changed, plan.Missing));
        Assert.True(plan.ChangesNothing(deleteMissing: true));
    }

    [Fact]
    public async Task The_preview_says_what_is_added_changed_unchanged_and_missing_by_slug()
    {
        using var database = await LoadedAsync();
        var importer = new DatasetImporter(database.Factory, TimeProvider.System);
        var document = Document(d =>
        {
            d["events"]![0]!["titleEn"] = "Meta invests US$14.3B in Scale AI";
            d["events"]![1]!["themes"] = new JsonArray("partnerships", "talent"); // same set, other order: unchanged
            d["people"]!.AsArray().RemoveAt(1);                                     // taylor-swift is not in the file
            d["themes"]!.AsArray().Add(new JsonObject { ["slug"] = "capital-markets", ["nameEn"] = "Capital markets", ["nameZh"] = "资本市场", ["color"] = "#4E342E" });
        });

        var plan = await importer.PlanAsync(document);

        var events = plan.Kinds.Single(k => k.EntityType == "event");
        Assert.Equal(["meta-invests-in-scale-ai"], events.Changed);
        Assert.Equal(["ruben-mayer-leaves-msl"], events.Unchanged);
        Assert.Equal(["capital-markets"], plan.Kinds.Single(k => k.EntityType == "theme").Added);
        Assert.Equal(["taylor-swift"], plan.Kinds.Single(k => k.EntityType == "person").Missing);
        Assert.Equal((1, 1, 1), (plan.Added, plan.Changed, plan.Missing));
    }

    [Fact]
    public async Task Applying_adds_and_updates_leaves_the_rest_and_records_each_change()
    {
        using var database = await LoadedAsync();
        var importer = new DatasetImporter(database.Factory, TimeProvider.System);
        var document = Document(d =>
        {
            d["events"]![0]!["titleEn"] = "Meta invests US$14.3B in Scale AI";
            d["people"]!.AsArray().RemoveAt(1);
            d["themes"]!.AsArray().Add(new JsonObject { ["slug"] = "capital-markets", ["nameEn"] = "Capital markets", ["nameZh"] = "资本市场", ["color"] = "#4E342E" });
        });

        var result = await importer.ApplyAsync(document, deleteMissing: false, Editor);

        Assert.Equal(2, result.Recorded);
        await using var db = database.CreateContext();
        var ev = await db.Events.SingleAsync(e => e.Slug == "meta-invests-in-scale-ai");
        Assert.Equal(("Meta invests US$14.3B in Scale AI", 1), (ev.TitleEn, ev.Version));
        Assert.True(await db.People.AnyAsync(p => p.Slug == "taylor-swift"), "an import deletes nothing unless told to");
        Assert.True(await db.Themes.AnyAsync(t => t.Slug == "capital-markets"));
        var records = await db.ChangeRecords.OrderBy(c => c.Id).ToListAsync();
        Assert.Equal([("theme", "capital-markets", ChangeAction.Create), ("event", "meta-invests-in-scale-ai", ChangeAction.Update)],
            records.Select(r => (r.EntityType, r.Slug, r.Action)));
        Assert.All(records, r => Assert.Equal((Editor, "Import of 'test'"), (r.ChangedBy, r.Summary)));
        Assert.Equal("Meta invests in Scale AI", EntityJson.Read<EventDto>(records[1].BeforeJson!)!.TitleEn);
    }

    [Fact]
    public async Task Deleting_what_the_file_does_not_contain_happens_only_when_asked_and_leaves_exactly_the_file()
    {
        using var database = await LoadedAsync();
        var importer = new DatasetImporter(database.Factory, TimeProvider.System);
        var document = Document(d =>
        {
            d["people"]!.AsArray().RemoveAt(1);
            d["figures"] = new JsonArray();
            d["events"]!.AsArray().RemoveAt(0);
            d["organizations"]![2]!["name"] = "Scale AI Inc.";
        });

        var result = await importer.ApplyAsync(document, deleteMissing: true, Editor);

        Assert.Equal(3, result.Plan.Missing);
        await using var db = database.CreateContext();
        Assert.Equal(TestDocuments.LinkCountsOf(document), await TestDocuments.CountStoreAsync(db));
        var exported = await DatasetExporter.ExportAsync(db, "test");
        Assert.Equal(["ruben-mayer-leaves-msl"], exported.Events!.Select(e => e.Slug));
        Assert.Equal(3, await db.ChangeRecords.CountAsync(c => c.Action == ChangeAction.Delete));
    }

    [Fact]
    public async Task An_import_that_fails_half_way_writes_nothing_at_all()
    {
        using var database = await LoadedAsync();
        StoreCounts before;
        await using (var db = database.CreateContext())
        {
            before = await TestDocuments.CountStoreAsync(db);

        }

        // The history is written last, after every entity: failing there must undo the entities too.
        await database.RefuseInsertsIntoAsync("ChangeRecords", "test: history refused");

        var importer = new DatasetImporter(database.Factory, TimeProvider.System);
        var document = Document(d =>
        {
            d["events"]![0]!["titleEn"] = "Changed";
            d["themes"]!.AsArray().Add(new JsonObject { ["slug"] = "capital-markets", ["nameEn"] = "Capital markets", ["nameZh"] = "资本市场", ["color"] = "#4E342E" });
        });

        await Assert.ThrowsAsync<DbUpdateException>(() => importer.ApplyAsync(document, deleteMissing: true, Editor));

        await using var check = database.CreateContext();
        Assert.Equal(before, await TestDocuments.CountStoreAsync(check));
        Assert.Equal("Meta invests in Scale AI", (await check.Events.SingleAsync(e => e.Slug == "meta-invests-in-scale-ai")).TitleEn);
    }

    [Fact]
    public async Task An_import_that_changes_only_an_events_citations_still_refuses_a_form_opened_before_it()
    {
        using var database = await LoadedAsync();
        var editor = new DatasetEditor(database.Factory, TimeProvider.System);
        var opened = (await editor.GetEventAsync("meta-invests-in-scale-ai"))!;
        var importer = new DatasetImporter(database.Factory, TimeProvider.System);

        await importer.ApplyAsync(Document(d => d["events"]![0]!["citations"]![0]!["locator"] = "¶3"), deleteMissing: false, Editor);
        var save = await editor.SaveEventAsync(opened.Dto with { TitleEn = "Edited in a stale form" }, opened.Version, Editor);

        Assert.Equal(SaveStatus.Conflict, save.Status);
        Assert.Equal("¶3", save.Current!.Citations![0].Locator);
    }

    private static async Task<TestDatabase> LoadedAsync()
    {
        var database = new TestDatabase();
        await database.LoadAsync(DatasetReader.Read(TestDocuments.Valid().ToJsonString()).Document!);
        return database;
    }

    private static DatasetDocument Document(Action<JsonObject> change)
    {
        var json = TestDocuments.Valid();
        change(json);
        var read = DatasetReader.Read(json.ToJsonString());
        Assert.True(read.IsValid, string.Join("; ", read.Problems));
        return read.Document!;
    }

    private static async Task<string> ExportJsonAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return DatasetReader.Write(await DatasetExporter.ExportAsync(db));
    }
}
