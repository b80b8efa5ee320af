using System.Text.Json.Nodes;
using MetaAiTracker.Data.Dataset;
using MetaAiTracker.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Data.Tests;

/// <summary>
/// Each case takes the small valid document of <see cref="TestDocuments.Valid"/>, breaks one thing and checks that the
/// document is rejected with the JSON path of exactly that thing, and that the store stays empty.
/// </summary>
public sealed class MalformedDocumentTests
{
    /// <param name="Name">What is broken; the theory's case name.</param>
    /// <param name="Json">The broken document's text.</param>
    /// <param name="Mentions">Text the first expected problem's message must contain (the offending value, say).</param>
    /// <param name="Paths">Every path the document must be rejected with, no more, no fewer.</param>
    private sealed record Broken(string Name, Func<string> Json, string Mentions, params string[] Paths);

    private static readonly Broken[] Cases =
    [
        // Reading: the JSON text itself or its shape.
        new("malformed JSON (a stray comma)", Text(json => json.Replace("\"importance\":5", "\"importance\":5,,", StringComparison.Ordinal)),
            "malformed JSON", "$.events[0]"),
        new("malformed JSON (a trailing comma)", Text(json => json.Replace("\"themes\":[\"partnerships\"]", "\"themes\":[\"partnerships\",]", StringComparison.Ordinal)),
            "malformed JSON", "$.events[0].themes[1]"),
        new("malformed JSON (cut short)", Text(json => json[..json.IndexOf("\"tenures\"", StringComparison.Ordinal)]), "malformed JSON", "$"),
        new("the document is JSON null", () => "null", "empty", "$"),
        new("unknown property", Mutate(d => Item(d, "events", 0)["colour"] = "red"), "unknown property 'colour'", "$.events[0].colour"),
        new("unknown property in a citation", Mutate(d => Citation(d, "people", 0, 0)["page"] = 3), "unknown property 'page'", "$.people[0].citations[0].page"),
        new("schemaVersion is a string", Mutate(d => d["schemaVersion"] = "1"), "a number is expected", "$.schemaVersion"),
        new("themes of an event is a string", Mutate(d => Item(d, "events", 0)["themes"] = "partnerships"), "an array is expected", "$.events[0].themes"),

        // Validation: the document's content.
        new("wrong schemaVersion", Mutate(d => d["schemaVersion"] = 3), "unsupported schema version 3", "$.schemaVersion"),
        new("version 1 with a property of version 2", Mutate(d => d["schemaVersion"] = 1), "'kind' is not part of schema version 1",
            "$.sources[0].kind", "$.sources[0].text", "$.sources[1].kind", "$.people[0].citations[0].kind", "$.people[1].citations[0].kind",
            "$.tenures[0].citations[0].kind", "$.events[0].citations[0].kind", "$.events[1].citations[0].kind", "$.events[1].citations[1].kind",
            "$.figures[0].citations[0].kind"),
        new("version 1 with an organisation's span", Mutate(d => { d["schemaVersion"] = 1; Strip2(d); Item(d, "organizations", 1)["existedFrom"] = "2025-06-30"; }),
            "'existedFrom' is not part of schema version 1", "$.organizations[1].existedFrom"),
        new("missing schemaVersion", Mutate(d => d.Remove("schemaVersion")), "required", "$.schemaVersion"),
        new("missing required field", Mutate(d => Item(d, "events", 0).Remove("titleEn")), "required", "$.events[0].titleEn"),
        new("unknown theme", Mutate(d => Item(d, "events", 0)["themes"]![0] = "talnet"), "unknown theme 'talnet'", "$.events[0].themes[0]"),
        new("unknown person in a tenure", Mutate(d => Item(d, "tenures", 0)["person"] = "ruben-meyer"), "unknown person 'ruben-meyer'", "$.tenures[0].person"),
        new("unknown organisation in an event", Mutate(d => Item(d, "events", 1)["organizations"]![0]!["organization"] = "mls"),
            "unknown organization 'mls'", "$.events[1].organizations[0].organization"),
        new("unknown event in a figure", Mutate(d => Item(d, "figures", 0)["event"] = "meta-buys-scale-ai"), "unknown event 'meta-buys-scale-ai'", "$.figures[0].event"),
        new("duplicate event slug", Mutate(d => Item(d, "events", 1)["slug"] = "meta-invests-in-scale-ai"),
            "duplicate slug 'meta-invests-in-scale-ai'", "$.events[1].slug"),
        new("bad slug", Mutate(d => Item(d, "figures", 0)["slug"] = "Scale_AI investment"), "'Scale_AI investment' is not a slug", "$.figures[0].slug"),
        new("slug longer than 80 characters", Mutate(d => Item(d, "figures", 0)["slug"] = new string('a', 81)), "is not a slug", "$.figures[0].slug"),
        new("impossible date (2025-02-30)", Mutate(d => Item(d, "events", 0)["date"] = "2025-02-30"), "Feb 2025 has no day 30", "$.events[0].date"),
        new("impossible month (2025-13)", Mutate(d => Item(d, "tenures", 0)["end"] = "2025-13"), "month 13 does not exist", "$.tenures[0].end"),
        new("impossible quarter (2025-Q5)", Mutate(d => Item(d, "figures", 0)["asOf"] = "2025-Q5"), "Q1 to Q4", "$.figures[0].asOf"),
        new("malformed date (2025/06)", Mutate(d => Item(d, "tenures", 0)["start"] = "2025/06"), "'2025/06' is not a date", "$.tenures[0].start"),
        new("event without a date", Mutate(d => Item(d, "events", 1).Remove("date")), "required", "$.events[1].date"),
        new("organisation dissolved before it was formed", Mutate(d => { Item(d, "organizations", 1)["existedFrom"] = "2025-06-30"; Item(d, "organizations", 1)["existedTo"] = "2025-Q1"; }),
            "ends (2025-Q1) before it begins (2025-06-30)", "$.organizations[1].existedTo"),
        new("impossible date in an organisation's span", Mutate(d => Item(d, "organizations", 0)["existedFrom"] = "2025-00"), "month 0 does not exist", "$.organizations[0].existedFrom"),
        new("tenure ending before it starts", Mutate(d => Item(d, "tenures", 0)["end"] = "2025-05"), "ends (2025-05) before it starts (2025-06)", "$.tenures[0].end"),
        new("event without citations", Mutate(d => Item(d, "events", 0)["citations"] = new JsonArray()), "at least one citation", "$.events[0].citations"),
        new("person with no citations property", Mutate(d => Item(d, "people", 1).Remove("citations")), "at least one citation", "$.people[1].citations"),
        new("citation without quote", Mutate(d => Citation(d, "people", 0, 0).Remove("quote")), "required", "$.people[0].citations[0].quote"),
        new("citation with a blank quote", Mutate(d => Citation(d, "events", 1, 1)["quote"] = "  "), "required", "$.events[1].citations[1].quote"),
        new("citation with unknown source", Mutate(d => Citation(d, "figures", 0, 0)["source"] = "bloomberg"), "unknown source 'bloomberg'", "$.figures[0].citations[0].source"),
        new("disputed event without statusNote", Mutate(d => Item(d, "events", 1).Remove("statusNote")), "required when the status is disputed", "$.events[1].statusNote"),
        new("denied tenure without statusNote", Mutate(d => { Item(d, "tenures", 0)["status"] = "denied"; Item(d, "tenures", 0)["statusNote"] = " "; }),
            "required when the status is denied", "$.tenures[0].statusNote"),
        new("organisation parent cycle", Mutate(d => Item(d, "organizations", 0)["parent"] = "msl"), "loops back", "$.organizations[0].parent", "$.organizations[1].parent"),
        new("organisation its own parent", Mutate(d => Item(d, "organizations", 2)["parent"] = "scale-ai"), "its own parent", "$.organizations[2].parent"),
        new("importance out of range (6)", Mutate(d => Item(d, "events", 0)["importance"] = 6), "6 is out of range", "$.events[0].importance"),
        new("importance out of range (0)", Mutate(d => Item(d, "events", 1)["importance"] = 0), "0 is out of range", "$.events[1].importance"),
        new("unknown enum value (claim status)", Mutate(d => Item(d, "events", 0)["status"] = "rumoured"), "'rumoured' is not one of: reported, confirmed, disputed, denied", "$.events[0].status"),
        new("unknown enum value (person kind)", Mutate(d => Item(d, "people", 1)["kind"] = "celebrity"), "'celebrity' is not one of: staff, public-figure", "$.people[1].kind"),
        new("unknown enum value (figure unit)", Mutate(d => Item(d, "figures", 0)["unit"] = "dollars"), "'dollars' is not one of", "$.figures[0].unit"),
        new("unknown enum value (organisation kind)", Mutate(d => Item(d, "organizations", 1)["kind"] = "division"), "'division' is not one of", "$.organizations[1].kind"),
        new("bad theme colour", Mutate(d => Item(d, "themes", 0)["color"] = "blue"), "'blue' is not a colour", "$.themes[0].color"),
        new("range upper bound below the value", Mutate(d => Item(d, "figures", 0)["valueHigh"] = 10), "below the value", "$.figures[0].valueHigh"),

        // Provenance: a quote is the words of an archived text, found there; a report is ours and needs an addressed source.
        new("quote of a source without archived text", Mutate(d => Citation(d, "events", 1, 1)["kind"] = "quote"),
            "a quote can only cite a source whose text the store archives", "$.events[1].citations[1].source"),
        new("quote whose words are not in the text", Mutate(d => Citation(d, "events", 0, 0)["quote"] = "Ruben Mayer从未辞职"),
            "not in the source's archived text", "$.events[0].citations[0].quote"),
        new("quote whose words are not in the paragraph named", Mutate(d => Citation(d, "people", 0, 0)["quote"] = "Ruben Mayer从未辞职"),
            "the words are not in paragraph 6", "$.people[0].citations[0].quote"),
        new("quote at a locator where other words stand", Mutate(d => Citation(d, "people", 0, 0)["locator"] = "¶2:0-5"),
            "the words are not at ¶2:0-5 but at ¶6:3-32", "$.people[0].citations[0].quote"),
        new("quote in a paragraph that does not hold it", Mutate(d => Citation(d, "people", 0, 0)["locator"] = "¶3"),
            "not in paragraph 3", "$.people[0].citations[0].quote"),
        new("quote with a locator that is not one", Mutate(d => Citation(d, "people", 0, 0)["locator"] = "line 6"),
            "'line 6' is not a locator", "$.people[0].citations[0].locator"),
        new("citation without a kind", Mutate(d => Citation(d, "events", 0, 0).Remove("kind")), "required (one of: quote, report)", "$.events[0].citations[0].kind"),
        new("unknown citation kind", Mutate(d => Citation(d, "events", 0, 0)["kind"] = "paraphrase"), "'paraphrase' is not one of: quote, report", "$.events[0].citations[0].kind"),
        new("report from a source without an address", Mutate(d => Item(d, "sources", 1).Remove("url")), "a report needs a source with an address",
            "$.tenures[0].citations[0].source", "$.events[1].citations[1].source"),
        new("report with a locator", Mutate(d => Citation(d, "tenures", 0, 0)["locator"] = "¶1"), "a report has no locator", "$.tenures[0].citations[0].locator"),
        new("report with an English rendering", Mutate(d => Citation(d, "tenures", 0, 0)["quoteEn"] = "the same"), "quoteEn is only for", "$.tenures[0].citations[0].quoteEn"),
        new("source without a kind", Mutate(d => Item(d, "sources", 1).Remove("kind")), "required (one of: article, news-report", "$.sources[1].kind"),
        new("unknown source kind", Mutate(d => Item(d, "sources", 1)["kind"] = "blog"), "'blog' is not one of: article, news-report", "$.sources[1].kind"),
        new("archived text without paragraphs", Mutate(d => Item(d, "sources", 0)["text"] = new JsonArray()), "at least one paragraph",
            "$.sources[0].text", "$.people[0].citations[0].source", "$.people[1].citations[0].source", "$.events[0].citations[0].source",
            "$.events[1].citations[0].source", "$.figures[0].citations[0].source"),
        new("paragraph with a line break", Mutate(d => Item(d, "sources", 0)["text"]![3] = "第四\n段。"), "a paragraph is one line", "$.sources[0].text[3]"),
        new("blank paragraph", Mutate(d => Item(d, "sources", 0)["text"]![4] = " "), "a paragraph of text is required", "$.sources[0].text[4]"),
        new("impossible date read", Mutate(d => Item(d, "sources", 1)["read"] = "2026-13"), "month 13 does not exist", "$.sources[1].read"),
        new("address that is not http(s)", Mutate(d => Item(d, "sources", 1)["url"] = "ftp://techcrunch.com/x"), "is not an http(s) address", "$.sources[1].url"),
    ];

    public static TheoryData<string> CaseNames => new(Cases.Select(c => c.Name));

    [Fact]
    public async Task The_unbroken_document_is_valid_and_loads()
    {
        var read = DatasetReader.Read(TestDocuments.Valid().ToJsonString());
        Assert.True(read.IsValid, string.Join('\n', read.Problems));

        using var database = new TestDatabase();
        await database.LoadAsync(read.Document!);

        await using var db = database.CreateContext();
        Assert.Equal(TestDocuments.LinkCountsOf(read.Document!), await TestDocuments.CountStoreAsync(db));
    }

    [Fact]
    public void There_are_enough_cases_and_their_names_are_unique()
    {
        Assert.True(Cases.Length >= 12);
        Assert.Equal(Cases.Length, Cases.Select(c => c.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task A_broken_document_is_rejected_at_the_path_of_what_is_broken_and_changes_nothing(string name)
    {
        var broken = Cases.Single(c => c.Name == name);
        using var database = new TestDatabase();

        var problems = await ImportAsync(database, broken.Json());

        Assert.Equal(broken.Paths.Order(StringComparer.Ordinal), problems.Select(p => p.Path).Order(StringComparer.Ordinal));
        var first = problems.First(p => p.Path == broken.Paths[0]);
        Assert.Contains(broken.Mentions, first.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(problems, p => p.Message.Contains("MetaAiTracker.", StringComparison.Ordinal));

        await using var db = database.CreateContext();
        Assert.Equal(TestDocuments.Empty, await TestDocuments.CountStoreAsync(db));
    }

    [Fact]
    public async Task A_document_with_several_problems_reports_all_of_them()
    {
        var json = Mutate(d =>
        {
            d.Remove("schemaVersion");
            Item(d, "organizations", 0)["parent"] = "msl";
            Item(d, "people", 1)["kind"] = "celebrity";
            Citation(d, "people", 0, 0).Remove("quote");
            Item(d, "tenures", 0)["end"] = "2025-05";
            Item(d, "tenures", 0)["person"] = "ruben-meyer";
            Item(d, "events", 0)["themes"]![0] = "talnet";
            Item(d, "events", 0)["date"] = "2025-02-30";
            Item(d, "events", 1).Remove("statusNote");
            Item(d, "events", 1)["citations"] = new JsonArray();
            Item(d, "figures", 0)["slug"] = "Bad Slug";
            Citation(d, "figures", 0, 0)["source"] = "bloomberg";
        })();
        using var database = new TestDatabase();

        var problems = await ImportAsync(database, json);

        // Reading stops at the first JSON-level problem (malformed text, unknown property, wrong type), so a document
        // reports all its problems only when it parses: these break content, not JSON.
        string[] expected =
        [
            "$.schemaVersion",
            "$.organizations[0].parent", "$.organizations[1].parent",
            "$.people[0].citations[0].quote", "$.people[1].kind",
            "$.tenures[0].person", "$.tenures[0].end",
            "$.events[0].themes[0]", "$.events[0].date", "$.events[1].statusNote", "$.events[1].citations",
            "$.figures[0].slug", "$.figures[0].citations[0].source",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), problems.Select(p => p.Path).Order(StringComparer.Ordinal));

        await using var db = database.CreateContext();
        Assert.Equal(TestDocuments.Empty, await TestDocuments.CountStoreAsync(db));
    }

    [Fact]
    public async Task A_broken_document_changes_nothing_in_a_store_that_holds_data()
    {
        using var database = await TestDatabase.WithShippedDatasetAsync();
        StoreCounts before;
        await using (var db = database.CreateContext())
        {
            before = await TestDocuments.CountStoreAsync(db);
        }

        var broken = DatasetReader.Read(Mutate(d => Item(d, "events", 0)["themes"]![0] = "talnet")());
        await Assert.ThrowsAsync<DatasetValidationException>(() => database.LoadAsync(broken.Document!));

        // A valid document is refused as well: the loader only fills an empty store and never merges.
        var valid = DatasetReader.Read(TestDocuments.Valid().ToJsonString());
        await Assert.ThrowsAsync<InvalidOperationException>(() => database.LoadAsync(valid.Document!));

        await using var check = database.CreateContext();
        Assert.Equal(before, await TestDocuments.CountStoreAsync(check));
    }

    [Fact]
    public async Task A_write_that_fails_half_way_is_rolled_back_entirely()
    {
        using var database = new TestDatabase();
        // Figures are written after themes, sources, organisations, people, tenures and events.
        await database.RefuseInsertsIntoAsync("Figures", "test: figures refused");

        var valid = DatasetReader.Read(TestDocuments.Valid().ToJsonString());
        await Assert.ThrowsAsync<DbUpdateException>(() => database.LoadAsync(valid.Document!));

        await using var check = database.CreateContext();
        Assert.Equal(TestDocuments.Empty, await TestDocuments.CountStoreAsync(check));
    }

    /// <summary>
    /// Imports <paramref name="json"/> the way the app does (read, then load) and returns the problems it is rejected with.
    /// When the document parses, the loader must refuse it on its own, with the same problems.
    /// </summary>
    private static async Task<IReadOnlyList<DatasetProblem>> ImportAsync(TestDatabase database, string json)
    {
        var read = DatasetReader.Read(json);
        Assert.False(read.IsValid, "the broken document was accepted");
        Assert.NotEmpty(read.Problems);
        if (read.Document is not null)
        {
            await using var db = database.CreateContext();
            var rejected = await Assert.ThrowsAsync<DatasetValidationException>(() => DatasetLoader.LoadAsync(db, read.Document));
            Assert.Equal(read.Problems, rejected.Problems);
        }

        return read.Problems;
    }

    private static Func<string> Mutate(Action<JsonObject> change) => () =>
    {
        var document = TestDocuments.Valid();
        change(document);
        return document.ToJsonString();
    };

    private static Func<string> Text(Func<string, string> change) => () =>
    {
        var valid = TestDocuments.Valid().ToJsonString();
        var broken = change(valid);
        Assert.NotEqual(valid, broken);
        return broken;
    };

    /// <summary>Takes out what only version 2 has (source kinds and texts, citation kinds), leaving a version-1 document.</summary>
    private static void Strip2(JsonObject document)
    {
        foreach (var source in document["sources"]!.AsArray())
        {
            source!.AsObject().Remove("kind");
            source.AsObject().Remove("text");
        }

        foreach (var collection in new[] { "people", "tenures", "events", "figures" })
        {
            foreach (var item in document[collection]!.AsArray())
            {
                foreach (var citation in item!["citations"]?.AsArray() ?? [])
                {
                    citation!.AsObject().Remove("kind");
                }
            }
        }
    }

    private static JsonObject Item(JsonObject document, string collection, int index) => document[collection]!.AsArray()[index]!.AsObject();

    private static JsonObject Citation(JsonObject document, string collection, int index, int citation) =>
        Item(document, collection, index)["citations"]!.AsArray()[citation]!.AsObject();
}
