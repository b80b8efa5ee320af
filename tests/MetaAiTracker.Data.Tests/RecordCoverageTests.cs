using MetaAiTracker.Core.Domain;
using MetaAiTracker.Core.Services;
using MetaAiTracker.Data.Dataset;

namespace MetaAiTracker.Data.Tests;

/// <summary>
/// "Events from … to …; last change on …" is read from the store each time: it follows the events, the sources and the
/// change history as editors save, on the small test document (events 2025-06-12 and 2025-08; sources published 2025-09
/// and 2025-08-29).
/// </summary>
public sealed class RecordCoverageTests : EditorTestBase
{
    private async Task<RecordCoverage> CoverageAsync()
    {
        await using var db = await _database.Factory.CreateAsync();
        return await RecordCoverage.ReadAsync(db);
    }

    [Fact]
    public async Task A_loaded_store_spans_its_events_names_its_newest_source_and_has_no_edit()
    {
        var coverage = await CoverageAsync();

        Assert.Equal(PartialDate.Parse("2025-06-12"), coverage.FirstEvent);
        Assert.Equal(PartialDate.Parse("2025-08"), coverage.LastEvent);
        // 2025-09 ends on 30 September, after 29 August: the month is the newer of the two, though it sorts first as text.
        Assert.Equal(PartialDate.Parse("2025-09"), coverage.NewestSource);
        Assert.Null(coverage.LastEdit);
    }

    [Fact]
    public async Task Saving_an_event_moves_the_span_and_the_last_change()
    {
        var mayer = (await _editor.GetEventAsync("ruben-mayer-leaves-msl"))!;
        _time.Advance(TimeSpan.FromDays(3));
        await _editor.SaveEventAsync(mayer.Dto with { Date = "2026-02" }, mayer.Version, Alice);

        var after = await CoverageAsync();
        Assert.Equal((PartialDate.Parse("2025-06-12"), PartialDate.Parse("2026-02")), (after.FirstEvent!.Value, after.LastEvent!.Value));
        Assert.Equal(new DateTimeOffset(2025, 9, 4, 8, 30, 0, TimeSpan.Zero), after.LastEdit);

        var scale = (await _editor.GetEventAsync("meta-invests-in-scale-ai"))!;
        _time.Advance(TimeSpan.FromHours(2));
        await _editor.SaveEventAsync(scale.Dto with { Date = "2025" }, scale.Version, Bob);

        // An event known only to 2025 may have happened any day of it: the first that certainly happened is now the one
        // whose span ends first (2025-12-31 against 2026-02-28), the year itself.
        var later = await CoverageAsync();
        Assert.Equal(PartialDate.Parse("2025"), later.FirstEvent);
        Assert.Equal(_time.GetUtcNow(), later.LastEdit);
    }

    [Fact]
    public async Task An_empty_store_covers_nothing()
    {
        await using (var db = _database.CreateContext())
        {
            db.Citations.RemoveRange(db.Citations);
            db.Figures.RemoveRange(db.Figures);
            db.Events.RemoveRange(db.Events);
            db.Sources.RemoveRange(db.Sources);
            await db.SaveChangesAsync();
        }

        Assert.Equal(new RecordCoverage(null, null, null, null), await CoverageAsync());
    }
}
