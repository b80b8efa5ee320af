using System.Text;
using System.Text.Json.Nodes;
using MetaAiTracker.Data.Dataset;
using MetaAiTracker.Data.Editing;
using MetaAiTracker.Tests.Shared;

namespace MetaAiTracker.Data.Tests;

/// <summary>
/// Malformed and hostile files given to the import page's reader and importer: each is rejected with a message that
/// says what is wrong (and where), and a store that already holds data keeps exactly the rows it had.
/// </summary>
public sealed class HostileImportTests
{
    private const long Limit = 64 * 1024;

    private sealed record Hostile(string Name, Func<byte[]> File, string Path, string Mentions);

    private static readonly Hostile[] Cases =
    [
        new("not JSON at all (a PNG header)", () => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "$", "the file is not JSON"),
        new("plain text", () => Utf8("schemaVersion: 1\nevents: []"), "$", "the file is not JSON"),
        new("an empty file", () => [], "$", "the file is empty"),
        new("only whitespace", () => Utf8("  \r\n\t "), "$", "the file is empty"),
        new("a JSON array instead of a document", () => Utf8("[{\"schemaVersion\":1}]"), "$", "a JSON array, not a dataset document"),
        new("bad JSON (cut short)", () => Utf8(Valid()[..500]), "$.sources[0].text[1]", "malformed JSON: Expected end of string, but instead reached end of data"),
        new("bad JSON (a comment)", () => Utf8("{ // hi\n\"schemaVersion\": 1 }"), "$", "malformed JSON"),
        new("trailing garbage after the document", () => Utf8(Valid() + "}"), "$", "malformed JSON"),
        new("invalid UTF-8", () => [.. Utf8("{\"schemaVersion\":1,\"name\":\""), 0xC3, 0x28, .. Utf8("\"}")], "$.name", "not valid UTF-8"),
        new("wrong schema version", () => Mutated(d => d["schemaVersion"] = 99), "$.schemaVersion", "unsupported schema version 99"),
        new("unknown reference", () => Mutated(d => d["events"]![0]!["themes"]![0] = "no-such-theme"), "$.events[0].themes[0]", "unknown theme 'no-such-theme'"),
        new("unknown source in a citation", () => Mutated(d => d["people"]![0]!["citations"]![0]!["source"] = "nyt"), "$.people[0].citations[0].source", "unknown source 'nyt'"),
        new("duplicate slugs", () => Mutated(d => d["people"]![1]!["slug"] = "ruben-mayer"), "$.people[1].slug", "duplicate slug 'ruben-mayer'"),
        new("a citation without quote", () => Mutated(d => d["events"]![1]!["citations"]![0]!.AsObject().Remove("quote")), "$.events[1].citations[0].quote", "required"),
        new("an unknown property", () => Mutated(d => d["figures"]![0]!["currency"] = "USD"), "$.figures[0].currency", "unknown property 'currency'"),
        new("an unknown property at the top", () => Mutated(d => d["$type"] = "System.IO.FileInfo"), "$.$type", "unknown property '$type'"),
        new("a null array element", () => Mutated(d => d["events"]!.AsArray().Add(null)), "$.events[2]", "must be an object, not null"),
        new("a null theme", () => Mutated(d => d["events"]![0]!["themes"]!.AsArray().Add(null)), "$.events[0].themes[1]", "required"),
        new("a null citation", () => Mutated(d => d["tenures"]![0]!["citations"]!.AsArray().Add(null)), "$.tenures[0].citations[1]", "must be an object, not null"),
        new("a huge string", () => Mutated(d => d["events"]![0]!["titleEn"] = new string('A', 40_000)), "$.events[0].titleEn", "too long (40000 characters; at most 400)"),
        new("a huge slug", () => Mutated(d => d["themes"]![0]!["slug"] = new string('a', 5000)), "$.themes[0].slug", "is not a slug"),
        // Nesting deeper than the format's own shape is a wrong type at the first level too deep (and MaxDepth caps it besides).
        new("deeply nested", () => Utf8("{\"schemaVersion\":1,\"events\":[" + string.Concat(Enumerable.Repeat("[", 100)) + string.Concat(Enumerable.Repeat("]", 100)) + "]}"),
            "$.events[0]", "wrong type of value: an object is expected here"),
        new("a wrong type (a string for a number)", () => Mutated(d => d["figures"]![0]!["value"] = "14.3"), "$.figures[0].value", "a number is expected"),
        new("a number too big for its field", () => Utf8(Valid().Replace("\"importance\":5", "\"importance\":99999999999999999999", StringComparison.Ordinal)), "$.events[0].importance", "a number is expected"),
        new("a script in a slug", () => Mutated(d => d["events"]![0]!["slug"] = "<script>alert(1)</script>"), "$.events[0].slug", "is not a slug"),
        new("a javascript: URL for a source", () => Mutated(d => d["sources"]![1]!["url"] = "javascript:alert(1)"), "$.sources[1].url", "is not an http(s) address"),
        new("oversize", () => Utf8("{\"schemaVersion\":1,\"description\":\"" + new string('x', (int)Limit) + "\"}"), "$", "more than the 64 KB an import may be"),
    ];

    public static TheoryData<string> CaseNames => new(Cases.Select(c => c.Name));

    [Fact]
    public void There_are_at_least_fifteen_hostile_files()
    {
        Assert.True(Cases.Length >= 15);
        Assert.Equal(Cases.Length, Cases.Select(c => c.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task A_hostile_file_is_rejected_with_its_message_and_the_store_keeps_its_rows(string name)
    {
        var hostile = Cases.Single(c => c.Name == name);
        using var database = new TestDatabase();
        await database.LoadAsync(DatasetReader.Read(Valid()).Document!);
        StoreCounts before;
        await using (var db = database.CreateContext())
        {
            before = await TestDocuments.CountStoreAsync(db);
        }

        var bytes = hostile.File();
        using var stream = new MemoryStream(bytes);
        var read = await ImportReader.ReadAsync(stream, Limit, declaredLength: null);

        Assert.False(read.IsValid, "the hostile file was accepted");
        var problem = read.Problems.FirstOrDefault(p => p.Path == hostile.Path);
        Assert.True(problem is not null, $"expected a problem at {hostile.Path}, got: {string.Join("; ", read.Problems)}");
        Assert.Contains(hostile.Mentions, problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(read.Problems, p => p.Message.Contains("MetaAiTracker.", StringComparison.Ordinal) || p.Message.Contains("System.", StringComparison.Ordinal));

        // A document that parses but does not validate is refused by the importer itself, too.
        if (read.Document is not null)
        {
            var importer = new DatasetImporter(database.Factory, TimeProvider.System);
            await Assert.ThrowsAsync<DatasetValidationException>(() => importer.ApplyAsync(read.Document, deleteMissing: true, "editor@example.org"));
        }

        await using var check = database.CreateContext();
        Assert.Equal(before, await TestDocuments.CountStoreAsync(check));
        Assert.Equal(0, check.ChangeRecords.Count());
    }

    [Fact]
    public async Task An_oversize_upload_is_refused_from_its_declared_length_without_reading_it()
    {
        var read = await ImportReader.ReadAsync(new ThrowingStream(), 10 * 1024 * 1024, declaredLength: 11 * 1024 * 1024);

        Assert.Equal("the file is 11 MB, more than the 10 MB an import may be", Assert.Single(read.Problems).Message);
    }

    [Fact]
    public async Task A_byte_order_mark_and_reported_progress_are_fine()
    {
        var bytes = (byte[])[0xEF, 0xBB, 0xBF, .. Utf8(Valid())];
        var progress = new List<long>();

        var read = await ImportReader.ReadAsync(new MemoryStream(bytes), Limit, bytes.Length, new SyncProgress(progress.Add));

        Assert.True(read.IsValid, string.Join("; ", read.Problems));
        Assert.Equal(bytes.Length, progress[^1]);
    }

    private static string Valid() => TestDocuments.Valid().ToJsonString();

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Mutated(Action<JsonObject> change)
    {
        var document = TestDocuments.Valid();
        change(document);
        return Utf8(document.ToJsonString());
    }

    private sealed class SyncProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }

    private sealed class ThrowingStream : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("must not be read");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => throw new InvalidOperationException("must not be read");
    }
}
