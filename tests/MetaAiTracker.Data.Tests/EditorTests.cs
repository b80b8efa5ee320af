using MetaAiTracker.Core.Domain;
using MetaAiTracker.Data.Dataset;
using MetaAiTracker.Data.Editing;
using MetaAiTracker.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Data.Tests;

/// <summary>DatasetEditor on the small test document: saves, field-level problems, conflicts, deletes, history and restore.</summary>
public sealed class EditorTests : EditorTestBase
{
    [Fact]
    public async Task Saving_an_event_bumps_its_version_and_records_who_when_before_and_after()
    {
        var loaded = (await _editor.GetEventAsync("ruben-mayer-leaves-msl"))!;
        Assert.Equal(0, loaded.Version);

        var result = await _editor.SaveEventAsync(loaded.Dto with { TitleEn = "Ruben Mayer quits MSL" }, loaded.Version, Alice);

        Assert.Equal(SaveStatus.Saved, result.Status);
        Assert.Equal(1, result.Version);
        Assert.Equal("Ruben Mayer quits MSL", (await _editor.GetEventAsync("ruben-mayer-leaves-msl"))!.Dto.TitleEn);
        var record = Assert.Single(await _editor.HistoryAsync("event", "ruben-mayer-leaves-msl"));
        Assert.Equal((ChangeAction.Update, Alice, _time.GetUtcNow()), (record.Action, record.ChangedBy, record.ChangedAt));
        Assert.Equal("Ruben Mayer leaves MSL", EntityJson.Read<EventDto>(record.BeforeJson!)!.TitleEn);
        Assert.Equal("Ruben Mayer quits MSL", EntityJson.Read<EventDto>(record.AfterJson!)!.TitleEn);
    }

    [Fact]
    public async Task Saving_what_is_already_stored_writes_nothing_and_records_nothing()
    {
        var loaded = (await _editor.GetEventAsync("meta-invests-in-scale-ai"))!;

        var result = await _editor.SaveEventAsync(loaded.Dto, loaded.Version, Alice);

        Assert.Equal((SaveStatus.Saved, 0), (result.Status, result.Version));
        Assert.Empty(await _editor.RecentChangesAsync());
    }

    [Fact]
    public async Task Two_editors_save_the_same_event_and_the_second_gets_a_conflict_instead_of_a_lost_update()
    {
        var alices = (await _editor.GetEventAsync("ruben-mayer-leaves-msl"))!;
        var bobs = (await _editor.GetEventAsync("ruben-mayer-leaves-msl"))!;

        var first = await _editor.SaveEventAsync(alices.Dto with { TitleEn = "Alice's title" }, alices.Version, Alice);
        _time.Advance(TimeSpan.FromMinutes(3));
        var second = await _editor.SaveEventAsync(bobs.Dto with { SummaryEn = "Bob's summary" }, bobs.Version, Bob);

        Assert.Equal(SaveStatus.Saved, first.Status);
        Assert.Equal(SaveStatus.Conflict, second.Status);
        Assert.Equal("Alice's title", second.Current!.TitleEn);
        Assert.Equal(1, second.Version);
        Assert.Equal(Alice, second.LastChange!.ChangedBy);
        Assert.Contains(Alice, second.Problems.Single().Message, StringComparison.Ordinal);

        var stored = (await _editor.GetEventAsync("ruben-mayer-leaves-msl"))!;
        Assert.Equal(("Alice's title", "He left after two months."), (stored.Dto.TitleEn, stored.Dto.SummaryEn));
        Assert.Single(await _editor.HistoryAsync("event", "ruben-mayer-leaves-msl"));

        // Bob has seen both versions and chooses to save his over Alice's: that is recorded as such.
        var overwritten = await _editor.SaveEventAsync(bobs.Dto with { SummaryEn = "Bob's summary" }, bobs.Version, Bob, overwrite: true);
        Assert.Equal((SaveStatus.Saved, 2), (overwritten.Status, overwritten.Version));
        Assert.Equal("Edited (saved over a newer version)", (await _editor.HistoryAsync("event", "ruben-mayer-leaves-msl"))[0].Summary);
    }

    [Fact]
    public async Task Two_contexts_that_load_the_same_event_cannot_both_save_it()
    {
        await using var first = _database.CreateContext();
        await using var second = _database.CreateContext();
        var a = await first.Events.SingleAsync(e => e.Slug == "meta-invests-in-scale-ai");
        var b = await second.Events.SingleAsync(e => e.Slug == "meta-invests-in-scale-ai");

        a.TitleEn = "first";
        await first.SaveChangesAsync();
        b.TitleEn = "second";

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        await using var check = _database.CreateContext();
        var stored = await check.Events.SingleAsync(e => e.Slug == "meta-invests-in-scale-ai");
        Assert.Equal(("first", 1), (stored.TitleEn, stored.Version));
    }

    [Fact]
    public async Task A_person_and_a_figure_are_versioned_too()
    {
        var alices = (await _editor.GetPersonAsync("ruben-mayer"))!;
        var bobs = (await _editor.GetPersonAsync("ruben-mayer"))!;
        Assert.Equal(SaveStatus.Saved, (await _editor.SavePersonAsync(alices.Dto with { Bio = "A" }, alices.Version, Alice)).Status);
        Assert.Equal(SaveStatus.Conflict, (await _editor.SavePersonAsync(bobs.Dto with { Bio = "B" }, bobs.Version, Bob)).Status);

        var figure = (await _editor.GetFigureAsync("scale-ai-investment"))!;
        Assert.Equal(SaveStatus.Saved, (await _editor.SaveFigureAsync(figure.Dto with { Value = 14.8m }, figure.Version, Alice)).Status);
        Assert.Equal(SaveStatus.Conflict, (await _editor.SaveFigureAsync(figure.Dto with { Value = 15m }, figure.Version, Bob)).Status);
    }

    public static TheoryData<string, string, string> BadEvents => new()
    {
        { "disputed without a note", "statusNote", "required when the status is disputed" },
        { "impossible date", "date", "Feb 2025 has no day 30" },
        { "no citation", "citations", "at least one citation is required" },
        { "citation without quote", "citations[0].quote", "required" },
        { "unknown person", "people[0].person", "unknown person 'nobody'" },
        { "no theme", "themes", "at least one theme" },
        { "title too long", "titleEn", "too long" },
        { "quote edited to words the text does not hold", "citations[0].quote", "not in the source's archived text" },
        { "quote typed without a locator", "citations[0].quote", "not in the source's archived text" },
        { "report from a source without an address", "citations[0].source", "a report needs a source with an address" },
        { "quote of a source whose text is not archived", "citations[1].source", "a quote can only cite a source whose text the store archives" },
    };

    [Theory]
    [MemberData(nameof(BadEvents))]
    public async Task A_bad_event_is_refused_with_the_problem_at_its_field_and_nothing_changes(string name, string path, string message)
    {
        var loaded = (await _editor.GetEventAsync("ruben-mayer-leaves-msl"))!;
        var dto = name switch
        {
            "disputed without a note" => loaded.Dto with { StatusNote = null },
            "impossible date" => loaded.Dto with { Date = "2025-02-30" },
            "no citation" => loaded.Dto with { Citations = [] },
            "citation without quote" => loaded.Dto with { Citations = [loaded.Dto.Citations![0] with { Quote = null }] },
            "unknown person" => loaded.Dto with { People = [new EventPersonDto { Person = "nobody" }] },
            "no theme" => loaded.Dto with { Themes = [] },
            "quote edited to words the text does not hold" => loaded.Dto with
            {
                Citations = [loaded.Dto.Citations![0] with { Quote = "前Scale AI高管Ruben Mayer一个月便辞职" }, .. loaded.Dto.Citations.Skip(1)],
            },
            "quote typed without a locator" => loaded.Dto with
            {
                Citations = [loaded.Dto.Citations![0] with { Quote = "Ruben Mayer从未辞职", Locator = null }, .. loaded.Dto.Citations.Skip(1)],
            },
            "report from a source without an address" => loaded.Dto with
            {
                Citations = [new CitationDto { Kind = "report", Source = "article-zh", Quote = "Ruben Mayer left after two months." }, .. loaded.Dto.Citations!.Skip(1)],
            },
            "quote of a source whose text is not archived" => loaded.Dto with
            {
                Citations = [loaded.Dto.Citations![0], loaded.Dto.Citations[1] with { Kind = "quote" }],
            },
            _ => loaded.Dto with { TitleEn = new string('x', 401) },
        };

        var result = await _editor.SaveEventAsync(dto, loaded.Version, Alice);

        Assert.Equal(SaveStatus.Invalid, result.Status);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(path, problem.Path);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.Equal(loaded, await _editor.GetEventAsync("ruben-mayer-leaves-msl"), EditableComparer);
        Assert.Empty(await _editor.RecentChangesAsync());
    }

    [Fact]
    public async Task A_new_event_needs_a_free_slug_and_a_citation()
    {
        var source = (await _editor.GetEventAsync("meta-invests-in-scale-ai"))!.Dto;

        var taken = await _editor.SaveEventAsync(source, null, Alice);
        Assert.Equal("slug", Assert.Single(taken.Problems).Path);

        var uncited = await _editor.SaveEventAsync(source with { Slug = "new-event", Citations = null }, null, Alice);
        Assert.Equal("citations", Assert.Single(uncited.Problems).Path);

        var created = await _editor.SaveEventAsync(source with { Slug = "new-event", TitleEn = "A new event" }, null, Alice);
        Assert.Equal((SaveStatus.Saved, 1), (created.Status, created.Version));
        var record = Assert.Single(await _editor.HistoryAsync("event", "new-event"));
        Assert.Equal((ChangeAction.Create, null), (record.Action, record.BeforeJson));
    }

    [Fact]
    public async Task A_person_something_refers_to_cannot_be_deleted()
    {
        var person = (await _editor.GetPersonAsync("ruben-mayer"))!;

        var result = await _editor.DeletePersonAsync("ruben-mayer", person.Version, Alice);

        Assert.Equal(SaveStatus.Invalid, result.Status);
        Assert.Contains(result.Problems, p => p.Message.StartsWith("tenure 'ruben-mayer-msl' still refers to it", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Message.StartsWith("event 'ruben-mayer-leaves-msl' still refers to it", StringComparison.Ordinal));
        Assert.NotNull(await _editor.GetPersonAsync("ruben-mayer"));
    }

    [Fact]
    public async Task A_deleted_event_comes_back_by_restoring_the_version_before_the_deletion()
    {
        // The figure refers to this event: it must let go first.
        var figure = (await _editor.GetFigureAsync("scale-ai-investment"))!;
        Assert.Equal(SaveStatus.Invalid, (await _editor.DeleteEventAsync("meta-invests-in-scale-ai", 0, Alice)).Status);
        await _editor.SaveFigureAsync(figure.Dto with { Event = null }, figure.Version, Alice);
        var before = (await _editor.GetEventAsync("meta-invests-in-scale-ai"))!.Dto;

        var deleted = await _editor.DeleteEventAsync("meta-invests-in-scale-ai", 0, Alice);
        Assert.Equal(SaveStatus.Saved, deleted.Status);
        Assert.Null(await _editor.GetEventAsync("meta-invests-in-scale-ai"));

        var deletion = (await _editor.HistoryAsync("event", "meta-invests-in-scale-ai"))[0];
        Assert.Equal(ChangeAction.Delete, deletion.Action);
        var restored = await _editor.RestoreAsync(deletion.Id, before: true, Bob);

        Assert.Equal(SaveStatus.Saved, restored.Status);
        var back = (await _editor.GetEventAsync("meta-invests-in-scale-ai"))!;
        Assert.Equal(EntityJson.Write(before), EntityJson.Write(back.Dto));
        var history = await _editor.HistoryAsync("event", "meta-invests-in-scale-ai");
        Assert.Equal([ChangeAction.Create, ChangeAction.Delete], history.Select(h => h.Action));
        Assert.Equal($"Restored the version before change #{deletion.Id}", history[0].Summary);
    }

    [Fact]
    public async Task Restoring_the_version_before_an_edit_puts_the_old_title_back_and_is_recorded()
    {
        var loaded = (await _editor.GetEventAsync("ruben-mayer-leaves-msl"))!;
        await _editor.SaveEventAsync(loaded.Dto with { TitleEn = "Changed", Themes = ["talent"] }, loaded.Version, Alice);
        var edit = (await _editor.HistoryAsync("event", "ruben-mayer-leaves-msl"))[0];

        var restored = await _editor.RestoreAsync(edit.Id, before: true, Bob);

        Assert.Equal(SaveStatus.Saved, restored.Status);
        var now = (await _editor.GetEventAsync("ruben-mayer-leaves-msl"))!;
        Assert.Equal(EntityJson.Write(loaded.Dto), EntityJson.Write(now.Dto));
        Assert.Equal(2, now.Version);
        var history = await _editor.HistoryAsync("event", "ruben-mayer-leaves-msl");
        Assert.Equal(2, history.Count);
        Assert.Equal((ChangeAction.Update, Bob), (history[0].Action, history[0].ChangedBy));
    }

    [Fact]
    public async Task The_editor_sees_entities_exactly_as_the_exporter_writes_them()
    {
        using var shipped = await TestDatabase.WithShippedDatasetAsync();
        await using var db = shipped.CreateContext();
        var exported = await DatasetExporter.ExportAsync(db);
        await using var db2 = shipped.CreateContext();
        var index = await StoreIndex.LoadAsync(db2, CancellationToken.None);
        var viaIndex = index.ToDocument() with { Name = exported.Name, Description = exported.Description };

        Assert.Equal(DatasetReader.Write(exported), DatasetReader.Write(viaIndex));
    }

    private static readonly IEqualityComparer<Editable<EventDto>?> EditableComparer = EqualityComparer<Editable<EventDto>?>.Create(
        (a, b) => a is not null && b is not null && a.Version == b.Version && EntityJson.Write(a.Dto) == EntityJson.Write(b.Dto));
}
