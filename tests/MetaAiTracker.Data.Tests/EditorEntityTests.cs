using MetaAiTracker.Core.Domain;
using MetaAiTracker.Data.Dataset;
using MetaAiTracker.Data.Editing;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Data.Tests;

/// <summary>
/// DatasetEditor for tenures, organisations and sources: a required citation, parent cycles, deletes of what is still
/// referred to, concurrency without a version column, history and restore.
/// </summary>
public sealed class EditorEntityTests : EditorTestBase
{
    private static TenureDto NewTenure(params CitationDto[] citations) => new()
    {
        Slug = "taylor-swift-meta", Person = "taylor-swift", Organization = "meta", Role = "Adviser", Start = "2025-Q3",
        Status = "reported", Citations = [.. citations],
    };

    private static readonly CitationDto Cited = new() { Kind = "quote", Source = "article-zh", Quote = "包括泰勒·斯威夫特、安妮·海瑟薇等顶级巨星", QuoteEn = "including top stars" };

    [Fact]
    public async Task A_tenure_without_a_citation_is_refused_at_the_citations_field_and_nothing_is_written()
    {
        var before = await CountsAsync();

        var uncited = await _editor.SaveTenureAsync(NewTenure(), null, Alice);
        var unquoted = await _editor.SaveTenureAsync(NewTenure(Cited with { Quote = null }), null, Alice);

        Assert.Equal(SaveStatus.Invalid, uncited.Status);
        Assert.Equal("citations", Assert.Single(uncited.Problems).Path);
        Assert.Contains("citation", uncited.Problems[0].Message, StringComparison.Ordinal);
        Assert.Equal(SaveStatus.Invalid, unquoted.Status);
        Assert.Equal("citations[0].quote", Assert.Single(unquoted.Problems).Path);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_cited_tenure_is_created_listed_with_its_person_recorded_and_deleted()
    {
        var created = await _editor.SaveTenureAsync(NewTenure(Cited), null, Alice);

        Assert.Equal(SaveStatus.Saved, created.Status);
        var listed = Assert.Single(await _editor.TenuresOfAsync("taylor-swift"));
        Assert.Equal("taylor-swift-meta", listed.Slug);
        Assert.Contains("Adviser at Meta Platforms", listed.Label, StringComparison.Ordinal);
        var loaded = (await _editor.GetTenureAsync("taylor-swift-meta"))!;
        Assert.Equal(("2025-Q3", "meta"), (loaded.Dto.Start, loaded.Dto.Organization));
        Assert.Equal(created.Version, loaded.Version);

        var deleted = await _editor.DeleteTenureAsync("taylor-swift-meta", loaded.Version, Alice);

        Assert.Equal(SaveStatus.Saved, deleted.Status);
        Assert.Empty(await _editor.TenuresOfAsync("taylor-swift"));
        Assert.Equal([ChangeAction.Delete, ChangeAction.Create], (await _editor.HistoryAsync("tenure", "taylor-swift-meta")).Select(h => h.Action));
    }

    [Fact]
    public async Task An_organisation_whose_parent_chain_would_loop_is_refused_at_its_parent_field()
    {
        var meta = (await _editor.GetOrganizationAsync("meta"))!;
        var before = await CountsAsync();

        // msl's parent is meta: making meta part of msl closes a loop.
        var looped = await _editor.SaveOrganizationAsync(meta.Dto with { Parent = "msl" }, meta.Version, Alice);
        var own = await _editor.SaveOrganizationAsync(meta.Dto with { Parent = "meta" }, meta.Version, Alice);

        Assert.Equal(SaveStatus.Invalid, looped.Status);
        Assert.Contains(looped.Problems, p => p.Path == "parent" && p.Message.Contains("loops back", StringComparison.Ordinal));
        Assert.Equal(SaveStatus.Invalid, own.Status);
        Assert.Contains(own.Problems, p => p.Path == "parent" && p.Message.Contains("own parent", StringComparison.Ordinal));
        Assert.Null((await _editor.GetOrganizationAsync("meta"))!.Dto.Parent);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_source_that_citations_still_cite_cannot_be_deleted_and_the_refusal_says_how_many()
    {
        int cited;
        await using (var db = _database.CreateContext())
        {
            cited = await db.Citations.CountAsync(c => c.Source.Slug == "article-zh");
        }

        Assert.True(cited > 1);
        var source = (await _editor.GetSourceAsync("article-zh"))!;
        var before = await CountsAsync();

        var result = await _editor.DeleteSourceAsync("article-zh", source.Version, Alice);

        Assert.Equal(SaveStatus.Invalid, result.Status);
        Assert.Equal($"Not deleted: {cited} citations still cite this source. Change or delete them first.", result.Problems[0].Message);
        Assert.Contains(result.Problems, p => p.Message.StartsWith("person 'taylor-swift' still refers to it", StringComparison.Ordinal));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task An_organisation_that_tenures_and_events_refer_to_cannot_be_deleted()
    {
        var msl = (await _editor.GetOrganizationAsync("msl"))!;
        var before = await CountsAsync();

        var result = await _editor.DeleteOrganizationAsync("msl", msl.Version, Alice);

        Assert.Equal(SaveStatus.Invalid, result.Status);
        Assert.StartsWith("Not deleted: 2 references still point to this organization", result.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains(result.Problems, p => p.Message.StartsWith("tenure 'ruben-mayer-msl' still refers to it", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Message.StartsWith("event 'ruben-mayer-leaves-msl' still refers to it", StringComparison.Ordinal));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Two_editors_save_the_same_organisation_and_the_second_sees_the_conflict_with_both_versions()
    {
        var alices = (await _editor.GetOrganizationAsync("scale-ai"))!;
        var bobs = (await new DatasetEditor(_database.Factory, _time).GetOrganizationAsync("scale-ai"))!;
        Assert.Equal(alices.Version, bobs.Version);

        var first = await _editor.SaveOrganizationAsync(alices.Dto with { ShortName = "Scale" }, alices.Version, Alice);
        var second = await _editor.SaveOrganizationAsync(bobs.Dto with { Description = "Data labelling." }, bobs.Version, Bob);

        Assert.Equal(SaveStatus.Saved, first.Status);
        Assert.NotEqual(alices.Version, first.Version);
        Assert.Equal(SaveStatus.Conflict, second.Status);
        Assert.Equal("Scale", second.Current!.ShortName);
        Assert.Null(second.Current.Description);
        Assert.Equal(first.Version, second.Version);
        Assert.Contains(Alice, second.Problems.Single().Message, StringComparison.Ordinal);
        var stored = (await _editor.GetOrganizationAsync("scale-ai"))!.Dto;
        Assert.Equal(("Scale", null), (stored.ShortName, stored.Description));

        // A stale delete is a conflict too, not a silent loss of Alice's change.
        var staleDelete = await _editor.DeleteOrganizationAsync("scale-ai", bobs.Version, Bob);
        Assert.Equal((SaveStatus.Conflict, "Scale"), (staleDelete.Status, staleDelete.Current!.ShortName));

        var overwritten = await _editor.SaveOrganizationAsync(bobs.Dto with { Description = "Data labelling." }, bobs.Version, Bob, overwrite: true);
        Assert.Equal(SaveStatus.Saved, overwritten.Status);
        Assert.Equal("Edited (saved over a newer version)", (await _editor.HistoryAsync("organization", "scale-ai"))[0].Summary);
    }

    [Fact]
    public async Task Two_saves_of_the_same_organisation_at_the_same_moment_cannot_both_win()
    {
        var loaded = (await _editor.GetOrganizationAsync("scale-ai"))!;
        var other = new DatasetEditor(_database.Factory, _time);

        var results = await Task.WhenAll(
            Task.Run(() => _editor.SaveOrganizationAsync(loaded.Dto with { ShortName = "A" }, loaded.Version, Alice)),
            Task.Run(() => other.SaveOrganizationAsync(loaded.Dto with { ShortName = "B" }, loaded.Version, Bob)));

        Assert.Equal([SaveStatus.Saved, SaveStatus.Conflict], results.Select(r => r.Status).Order());
        var winner = results.Single(r => r.Succeeded).Current!.ShortName;
        Assert.Equal(winner, (await _editor.GetOrganizationAsync("scale-ai"))!.Dto.ShortName);
        Assert.Single(await _editor.HistoryAsync("organization", "scale-ai"));
    }

    [Fact]
    public async Task An_edited_source_comes_back_by_restoring_the_version_before()
    {
        var loaded = (await _editor.GetSourceAsync("techcrunch-2025-08-29"))!;
        var saved = await _editor.SaveSourceAsync(loaded.Dto with { Title = "Changed title", Published = "2025-08" }, loaded.Version, Alice);
        Assert.Equal(SaveStatus.Saved, saved.Status);
        var edit = (await _editor.HistoryAsync("source", "techcrunch-2025-08-29"))[0];

        var restored = await _editor.RestoreAsync(edit.Id, before: true, Bob);

        Assert.Equal(SaveStatus.Saved, restored.Status);
        var now = (await _editor.GetSourceAsync("techcrunch-2025-08-29"))!;
        Assert.Equal(EntityJson.Write(loaded.Dto), EntityJson.Write(now.Dto));
        Assert.Equal(loaded.Version, now.Version);
        Assert.Equal(2, (await _editor.HistoryAsync("source", "techcrunch-2025-08-29")).Count);
    }

    [Fact]
    public async Task Removing_the_address_of_a_source_that_reports_cite_is_refused_and_names_what_reports_from_it()
    {
        var loaded = (await _editor.GetSourceAsync("techcrunch-2025-08-29"))!;

        var result = await _editor.SaveSourceAsync(loaded.Dto with { Url = null }, loaded.Version, Alice);

        Assert.Equal(SaveStatus.Invalid, result.Status);
        Assert.Contains(result.Problems, p => p.Path == "" && p.Message.StartsWith("tenure 'ruben-mayer-msl'", StringComparison.Ordinal)
            && p.Message.Contains("a report needs a source with an address", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Message.StartsWith("event 'ruben-mayer-leaves-msl'", StringComparison.Ordinal));
        Assert.Equal("https://techcrunch.com/", (await _editor.GetSourceAsync("techcrunch-2025-08-29"))!.Dto.Url);
        Assert.Empty(await _editor.RecentChangesAsync());
    }

    [Fact]
    public async Task Changing_archived_text_under_a_quote_is_refused_until_the_quote_follows_and_a_fixed_typo_moves_its_locator()
    {
        var article = (await _editor.GetSourceAsync("article-zh"))!;
        var text = article.Dto.Text!;

        // Rewording the sentence that three entities quote breaks those quotes: refused, each named, nothing written.
        var reworded = await _editor.SaveSourceAsync(article.Dto with { Text = [.. text.Take(5), "然而,Ruben Mayer很快离职。"] }, article.Version, Alice);
        Assert.Equal(SaveStatus.Invalid, reworded.Status);
        Assert.Equal(["event 'ruben-mayer-leaves-msl', citations[0].quote", "person 'ruben-mayer', citations[0].quote"],
            reworded.Problems.Select(p => p.Message.Split(':')[0]).Order(StringComparer.Ordinal));
        Assert.Equal(EntityJson.Write(article.Dto), EntityJson.Write((await _editor.GetSourceAsync("article-zh"))!.Dto));

        // Words added before a quote in its paragraph move it: its stored locator no longer names its words, so that is refused too.
        var shifted = await _editor.SaveSourceAsync(article.Dto with { Text = [.. text.Take(5), "据报道,然而,前Scale AI高管Ruben Mayer仅两个月便辞职。"] }, article.Version, Alice);
        Assert.Equal(SaveStatus.Invalid, shifted.Status);
        Assert.Contains(shifted.Problems, p => p.Message.Contains("but at ¶6:7-36", StringComparison.Ordinal));
        Assert.Empty(await _editor.RecentChangesAsync());
    }

    private async Task<(int Sources, int Organizations, int Tenures, int Citations, int Changes)> CountsAsync()
    {
        await using var db = _database.CreateContext();
        return (await db.Sources.CountAsync(), await db.Organizations.CountAsync(), await db.Tenures.CountAsync(), await db.Citations.CountAsync(),
            await db.ChangeRecords.CountAsync());
    }
}
