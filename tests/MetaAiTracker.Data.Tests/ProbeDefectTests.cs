using System.Text;
using System.Text.Json.Nodes;
using MetaAiTracker.Data.Dataset;
using MetaAiTracker.Data.Editing;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Data.Tests;

/// <summary>
/// The dataset-reading defects a hostile probe found (docs/security.md, defects 2, 3, 4 and 8): a slug ending in a line
/// break, a tiny file of a million empty objects, messages that repeated a 9 MB value, duplicate keys and lone
/// surrogates. Each test failed on the code before the fix.
/// </summary>
public sealed class ProbeDefectTests : EditorTestBase
{
    private static DatasetReadResult Read(string json) => DatasetReader.Read(json);

    private static string Mutated(Action<JsonObject> change)
    {
        var document = TestDocuments.Valid();
        change(document);
        return document.ToJsonString();
    }

    [Theory]
    [InlineData("events", "slug", "meta-invests-in-scale-ai\n")]
    [InlineData("themes", "slug", "talent\n")]
    [InlineData("themes", "color", "#1565C0\n")]
    [InlineData("figures", "metric", "msl-headcount\n")]
    public void A_value_that_ends_in_a_line_break_is_refused_with_the_break_shown(string list, string field, string value)
    {
        var result = Read(Mutated(d => d[list]![0]![field] = value));

        Assert.False(result.IsValid);
        var problem = Assert.Single(result.Problems, p => p.Path == $"$.{list}[0].{field}");
        Assert.Contains("\\n'", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', problem.Message);
    }

    [Fact]
    public void A_slug_with_a_line_break_is_not_a_second_copy_of_the_original_beside_it()
    {
        var json = Mutated(d =>
        {
            var copy = d["events"]![0]!.DeepClone();
            copy["slug"] = "meta-invests-in-scale-ai\n";
            d["events"]!.AsArray().Add(copy);
        });

        var result = Read(json);

        Assert.False(result.IsValid);
        Assert.Contains(result.Problems, p => p.Path == "$.events[2].slug" && p.Message.Contains("is not a slug", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_editor_refuses_a_slug_with_a_line_break_and_writes_nothing()
    {
        var loaded = (await _editor.GetEventAsync("meta-invests-in-scale-ai"))!;
        var copy = loaded.Dto with { Slug = "meta-invests-in-scale-ai\n" };

        var saved = await _editor.SaveEventAsync(copy, null, Alice);

        Assert.Equal(SaveStatus.Invalid, saved.Status);
        Assert.Contains(saved.Problems, p => p.Path == "slug" && p.Message.Contains("\\n", StringComparison.Ordinal));
        await using var db = _database.CreateContext();
        Assert.Equal(2, await db.Events.CountAsync());
        Assert.Equal(0, await db.ChangeRecords.CountAsync());
    }

    [Fact]
    public void A_million_empty_objects_are_refused_for_their_number_before_anything_is_built()
    {
        var json = Encoding.UTF8.GetBytes("{\"schemaVersion\":2,\"events\":[" + string.Join(',', Enumerable.Repeat("{}", 1_000_000)) + "]}");
        Assert.InRange(json.Length, 2_900_000, 3_100_000);
        var retainedBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        var result = DatasetReader.Read(json);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var problem = Assert.Single(result.Problems);
        Assert.Equal("$.events", problem.Path);
        Assert.Contains("more than 250,000 entries in one list", problem.Message, StringComparison.Ordinal);
        // One pass of the reader over 3 MB: the 1.5 GB this took before would fail this by three orders of magnitude.
        Assert.InRange(allocated, 0, 16L * 1024 * 1024);
        GC.KeepAlive(result);
        result = null;
        Assert.InRange(GC.GetTotalMemory(forceFullCollection: true) - retainedBefore, long.MinValue, 4L * 1024 * 1024);
    }

    [Fact]
    public void A_document_wrong_everywhere_lists_a_thousand_problems_and_counts_the_rest_and_the_memory_returns()
    {
        // 200,000 empty events, under the list bound: each lacks its slug, dates, titles, status and citations.
        var json = Encoding.UTF8.GetBytes("{\"schemaVersion\":2,\"events\":[" + string.Join(',', Enumerable.Repeat("{}", 200_000)) + "]}");
        var retainedBefore = GC.GetTotalMemory(forceFullCollection: true);

        var problems = ProblemsOf(json);

        // What is kept of the check (the problems, as the import page keeps them) is small; the rest is gone.
        Assert.InRange(GC.GetTotalMemory(forceFullCollection: true) - retainedBefore, long.MinValue, 4L * 1024 * 1024);
        Assert.Equal(DatasetValidator.MaxProblems + 1, problems.Count);
        var last = problems[^1];
        Assert.Equal("$", last.Path);
        Assert.Matches(@"^and [0-9,]+ more problems, not listed", last.Message);
        var unlisted = int.Parse(last.Message.Split(' ')[1], System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(unlisted > 1_000_000, $"{unlisted} more"); // several problems per event, all counted
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static IReadOnlyList<DatasetProblem> ProblemsOf(byte[] json) => DatasetReader.Read(json).Problems;

    public static readonly TheoryData<string, string> LongValues = new()
    {
        { "events", "slug" },
        { "events", "status" },
        { "events", "date" },
        { "sources", "url" },
        { "themes", "color" },
    };

    [Theory]
    [MemberData(nameof(LongValues))]
    public void A_huge_bad_value_is_quoted_by_its_first_forty_characters(string list, string field)
    {
        var huge = "x" + new string('A', 9 * 1024 * 1024);
        var index = list == "sources" ? 1 : 0;

        var result = Read(Mutated(d => d[list]![index]![field] = huge));

        var problem = Assert.Single(result.Problems, p => p.Path == $"$.{list}[{index}].{field}");
        Assert.InRange(problem.Message.Length, 1, 400);
        Assert.Contains("xAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA…", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_editor_quotes_a_huge_date_by_its_first_forty_characters()
    {
        var loaded = (await _editor.GetEventAsync("meta-invests-in-scale-ai"))!;

        var saved = await _editor.SaveEventAsync(loaded.Dto with { Date = "2025-" + new string('9', 1_000_000) }, loaded.Version, Alice);

        var problem = Assert.Single(saved.Problems, p => p.Path == "date");
        Assert.InRange(problem.Message.Length, 1, 400);
    }

    [Theory]
    [InlineData("{\"schemaVersion\":2,\"schemaVersion\":2}", "$.schemaVersion", "schemaVersion")]
    [InlineData("{\"schemaVersion\":2,\"themes\":[{\"slug\":\"a\",\"slug\":\"b\",\"nameEn\":\"A\",\"nameZh\":\"甲\",\"color\":\"#000000\"}]}", "$.themes[0].slug", "slug")]
    public void A_key_given_twice_in_one_object_is_refused_with_its_path(string json, string path, string key)
    {
        var result = Read(json);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(path, problem.Path);
        Assert.StartsWith($"the property '{key}' is given twice in one object", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lone_surrogate_is_said_to_be_invalid_unicode_not_a_wrong_type()
    {
        var result = Read("{\"schemaVersion\":2,\"name\":\"ab\\uD800cd\"}");

        var problem = Assert.Single(result.Problems);
        Assert.Equal("$.name", problem.Path);
        Assert.StartsWith("the text is not valid Unicode", problem.Message, StringComparison.Ordinal);
    }
}
