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

        await importer.ApplyAsync(Document(d => d["events"]![0]!["citations"]![0]!["quoteEn"] = "he spent US$14.3 billion"), deleteMissing: false, Editor);
        var save = await editor.SaveEventAsync(opened.Dto with { TitleEn = "Edited in a stale form" }, opened.Version, Editor);

        Assert.Equal(SaveStatus.Conflict, save.Status);
        Assert.Equal("he spent US$14.3 billion", save.Current!.Citations![0].QuoteEn);
    }

    [Fact]
    public async Task A_version_1_document_imports_with_its_unarchived_citations_made_reports_and_the_preview_says_so()
    {
        using var database = await LoadedAsync();
        var importer = new DatasetImporter(database.Factory, TimeProvider.System);

        // The same document as version 1 wrote it: no source kinds, no archived text, no citation kinds, a free-text locator,
        // and a Reuters source (with an address) whose citation version 1 presented as a quote.
        var v1 = TestDocuments.Valid();
        v1["schemaVersion"] = 1;
        foreach (var source in v1["sources"]!.AsArray())
        {
            source!.AsObject().Remove("kind");
            source.AsObject().Remove("text");
        }

        v1["sources"]!.AsArray().Add(new JsonObject
        {
            ["slug"] = "reuters-2025-08-29", ["title"] = "Reuters on Scale AI", ["publisher"] = "Reuters", ["language"] = "en",
            ["url"] = "https://www.reuters.com/technology/scale-ai",
        });
        foreach (var citation in Citations(v1))
        {
            citation!.AsObject().Remove("kind");
        }

        v1["events"]![0]!["citations"]!.AsArray().Add(new JsonObject { ["source"] = "reuters-2025-08-29", ["quote"] = "Meta invests in Scale AI.", ["locator"] = "line 3" });
        var known = await importer.KnownSourcesAsync();

        var read = ImportReader.Read(System.Text.Encoding.UTF8.GetBytes(v1.ToJsonString()), known: known);

        Assert.True(read.IsValid, string.Join('\n', read.Problems));
        var reports = read.Notes.Where(n => n.Message.StartsWith("became a report", StringComparison.Ordinal)).Select(n => n.Path).ToList();
        Assert.Equal(["$.events[0].citations[1]", "$.events[1].citations[1]", "$.tenures[0].citations[0]"], reports.Order(StringComparer.Ordinal));
        Assert.Contains(read.Notes, n => n.Path == "$.sources[2].kind" && n.Message.Contains("set to news-report", StringComparison.Ordinal));
        Assert.Contains(read.Notes, n => n.Path == "$.sources[0].text" && n.Message.Contains("archived text is kept", StringComparison.Ordinal));

        // The article's citations stay quotes, found in the store's archived text at the place their words stand.
        var people = read.Document!.People!.ToDictionary(p => p.Slug!);
        Assert.Equal(("quote", "¶6:3-32"), (people["ruben-mayer"].Citations![0].Kind, people["ruben-mayer"].Citations![0].Locator));

        var plan = await importer.PlanAsync(read.Document);
        Assert.Equal(["reuters-2025-08-29"], plan.Kinds.Single(k => k.EntityType == "source").Added);
        await importer.ApplyAsync(read.Document, deleteMissing: false, Editor);

        await using var db = database.CreateContext();
        var kinds = await db.Citations.Where(c => c.Event!.Slug == "meta-invests-in-scale-ai").OrderBy(c => c.Id)
            .Select(c => new { c.Kind, c.Locator, Source = c.Source.Slug }).ToListAsync();
        Assert.Equal([(CitationKind.Quote, "article-zh"), (CitationKind.Report, "reuters-2025-08-29")], kinds.Select(k => (k.Kind, k.Source)));
        Assert.Null(kinds[1].Locator);
        Assert.Equal(6, await db.SourceParagraphs.CountAsync(p => p.SourceId == db.Sources.Single(s => s.Slug == "article-zh").Id));
    }

    [Fact]
    public async Task A_version_1_document_whose_reports_have_no_address_is_refused_with_every_such_source_named()
    {
        using var empty = new TestDatabase();
        var v1 = TestDocuments.Valid();
        v1["schemaVersion"] = 1;
        foreach (var source in v1["sources"]!.AsArray())
        {
            source!.AsObject().Remove("kind");
            source.AsObject().Remove("text");
        }

        foreach (var citation in Citations(v1))
        {
            citation!.AsObject().Remove("kind");
        }

        // Into an empty store nothing archives the article, so its citations become reports, and the article has no address.
        var read = ImportReader.Read(System.Text.Encoding.UTF8.GetBytes(v1.ToJsonString()));

        Assert.False(read.IsValid);
        Assert.All(read.Problems, p => Assert.Contains("a report needs a source with an address: source 'article-zh' has no url", p.Message, StringComparison.Ordinal));
        Assert.Equal(5, read.Problems.Count); // the article's five citations; TechCrunch's have an address
    }

    /// <summary>Every citation object of a document.</summary>
    private static IEnumerable<JsonNode?> Citations(JsonObject document) =>
        new[] { "people", "tenures", "events", "figures" }.SelectMany(c => document[c]!.AsArray())
            .SelectMany(item => item!["citations"]!.AsArray());

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
